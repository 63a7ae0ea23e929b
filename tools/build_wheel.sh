#!/usr/bin/env bash
# Build hr_pop as a wheel (whool, the OCA build backend) into $1 (default
# .local/dist): `pip install <wheel>` then puts the addon at odoo.addons.hr_pop.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/.local/dist}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
mkdir -p "$OUT"
# pip builds in an isolated environment with whool from the package index.
"$PYTHON" -m pip wheel "$ROOT/hr_pop" --no-deps --wheel-dir "$OUT" --quiet
ls "$OUT"/odoo_addon_hr_pop-*.whl
