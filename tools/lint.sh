#!/usr/bin/env bash
# The blocking checks of STYLE.md §4: ruff (lint and format) and pylint-odoo's mandatory set.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${VENV:-$ROOT/.venv}"
"$VENV/bin/ruff" check --no-fix hr_pop tests tools conftest.py
"$VENV/bin/ruff" format --check hr_pop tests tools conftest.py
"$VENV/bin/pylint" --rcfile=.pylintrc-mandatory --output-format=text hr_pop
