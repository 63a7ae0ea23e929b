# hr_pop: the two commands. Both do all set-up first (tools/setup.sh).
.PHONY: demo test setup lint
demo:
	bash tools/demo.sh
test:
	bash tools/test.sh
setup:
	bash tools/setup.sh
lint:
	bash tools/lint.sh
