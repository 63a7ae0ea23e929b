#!/usr/bin/env bash
# hr_pop benchmarks (issue 10): bash benchmarks/run.sh N   (make bench N=1000)
# KEEP=1 keeps the databases, PROFILE=1 adds the profiles; see benchmarks/bench.py.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-${N:-1000}}"
# shellcheck source=/dev/null
source "$ROOT/tools/setup.sh"
cd "$ROOT"
exec "$VENV/bin/python" "$ROOT/benchmarks/bench.py" "$N"
