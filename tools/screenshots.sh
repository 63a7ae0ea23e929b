#!/usr/bin/env bash
# `make screenshots`: the README's screenshots (docs/screenshots/) taken in headless
# Chromium from a fresh demo database, so they follow the code with one command.
# Playwright goes into a virtualenv of its own (.local/shots-venv): its greenlet
# would not agree with Odoo's.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tools/setup.sh"
DB="${HR_POP_SHOTS_DB:-hr_pop_shots}"
PORT="${SHOTS_PORT:-8179}"
OUT="$ROOT/docs/screenshots"
SHOTS_VENV="$ROOT/.local/shots-venv"
if [ ! -x "$SHOTS_VENV/bin/python" ]; then
  python3 -m venv "$SHOTS_VENV"
  "$SHOTS_VENV/bin/pip" install --quiet playwright==1.49.1
fi
dropdb --if-exists "$DB"
"$VENV/bin/python" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" -i hr_pop --stop-after-init \
  --http-port="$PORT" >"$ROOT/.local/install-$DB.log" 2>&1
"$VENV/bin/python" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --db-filter="^${DB}\$" \
  --http-port="$PORT" >"$ROOT/.local/shots-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; dropdb --if-exists "$DB"' EXIT
for _ in $(seq 60); do
  curl -s -o /dev/null "http://localhost:$PORT/web/login" && break
  sleep 1
done
"$SHOTS_VENV/bin/python" "$ROOT/tools/screenshots.py" "http://localhost:$PORT" "$OUT"
