# hr_pop: the two commands. Both do all set-up first (tools/setup.sh).
.PHONY: demo test setup lint bench wheel screenshots
demo:
	bash tools/demo.sh
test:
	bash tools/test.sh
setup:
	bash tools/setup.sh
lint:
	bash tools/lint.sh
# The addon as a wheel (odoo-addon-hr_pop) in .local/dist, for `pip install`.
wheel:
	bash tools/build_wheel.sh
# The README's screenshots (docs/screenshots/) from a fresh demo database.
screenshots:
	bash tools/screenshots.sh
# Benchmarks against Odoo's own (issue 10): make bench N=1000 [KEEP=1] [PROFILE=1]
N ?= 1000
bench:
	bash benchmarks/run.sh $(N)
