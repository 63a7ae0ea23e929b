#!/usr/bin/env bash
# Build a fresh test database with hr_pop (and its demo data), then run every test with pytest-odoo,
# HttpCase/browser tests included (--odoo-http). conftest.py turns any skipped test into a failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tools/setup.sh"
DB="${HR_POP_TEST_DB:-hr_pop_test}"
export HTTP_PORT="${HTTP_PORT:-8069}"
export PYTHONPATH="$ODOO_SRC${PYTHONPATH:+:$PYTHONPATH}"
log() { echo "[test] $*" >&2; }

log "lint (ruff, pylint-odoo mandatory checks)"
if ! bash "$ROOT/tools/lint.sh" >&2; then
  echo "1 failed, 0 passed: lint failed (run make lint)" >&2
  exit 1
fi

dropdb --if-exists "$DB"
rm -rf "$ROOT/.local/filestore/filestore/$DB"
install_log="$ROOT/.local/install-$DB.log"
log "installing hr_pop with demo data in a fresh database '$DB' (log: $install_log)"
if ! "$VENV/bin/python" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" -i hr_pop --stop-after-init \
    --http-port="$HTTP_PORT" --log-level=info >"$install_log" 2>&1 \
    || grep -qE ' (ERROR|CRITICAL) |demo data failed' "$install_log"; then
  grep -E ' (ERROR|CRITICAL) |demo data failed' -A30 "$install_log" | head -80 >&2 || tail -40 "$install_log" >&2
  echo "1 failed, 0 passed: installing hr_pop on a fresh database failed" >&2
  exit 1
fi
cd "$ROOT"
# Under coverage.py (the addon's code, tests left out; the HTTP server's threads
# count too): its summary follows pytest's, and pytest's status is the command's.
export COVERAGE_FILE="$ROOT/.local/.coverage"
pytest_log="$ROOT/.local/pytest-$DB.log"
set +e
"$VENV/bin/coverage" run --source="$ROOT/hr_pop" --omit='*/tests/*' \
  -m pytest -p no:cacheprovider --odoo-config="$ODOO_CONF" --odoo-database="$DB" \
  --odoo-http -r fEs "$@" hr_pop/tests tests 2>&1 | tee "$pytest_log"
status="${PIPESTATUS[0]}"
set -e
log "coverage of hr_pop by the test run:"
"$VENV/bin/coverage" report --skip-covered --sort=cover 2>&1 | tail -25 || true
# pytest's own summary stays the last line of the run.
grep -E '[0-9]+ (passed|failed)' "$pytest_log" | tail -1 || true
exit "$status"
