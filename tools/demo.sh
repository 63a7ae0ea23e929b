#!/usr/bin/env bash
# `make demo`: serve hr_pop with its demo data. Creates the demo database when it is
# missing (or has no hr_pop), prints the URL and the demo logins, then runs Odoo in
# the foreground (Ctrl-C stops it). HR_POP_DEMO_DB names the database, HTTP_PORT the port;
# ODOO_WORKERS > 0 runs Odoo multi-process (--workers), its websocket process on GEVENT_PORT.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/tools/setup.sh"
DB="${HR_POP_DEMO_DB:-hr_pop_demo}"
PORT="${HTTP_PORT:-8069}"
WORKERS="${ODOO_WORKERS:-0}"
GEVENT_PORT="${GEVENT_PORT:-$((PORT + 3))}"
log() { echo "[demo] $*" >&2; }
die() { echo "[demo] ERROR: $*" >&2; exit 1; }
run_odoo() { "$VENV/bin/python" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" --http-port="$PORT" "$@"; }
[[ "$WORKERS" =~ ^[0-9]+$ ]] || die "ODOO_WORKERS must be a number of workers (0: one process), not '$WORKERS'"
serve=(--db-filter="^${DB}\$" --http-port="$PORT")
mode="one process (threaded)"
if [ "$WORKERS" -gt 0 ]; then
  serve+=(--workers="$WORKERS" --gevent-port="$GEVENT_PORT")
  mode="multi-process: $WORKERS HTTP workers, websocket (gevent) process on port $GEVENT_PORT"
fi
sql() { psql -X -q -d "$1" -tAc "$2" 2>/dev/null || true; }

db_exists=$(sql postgres "SELECT 1 FROM pg_database WHERE datname = '$DB'")
hr_pop_state=""
if [ "$db_exists" = 1 ]; then
  hr_pop_state=$(sql "$DB" "SELECT state FROM ir_module_module WHERE name = 'hr_pop'")
fi

if [ "$hr_pop_state" != installed ]; then
  install_log="$ROOT/.local/install-$DB.log"
  if [ "$db_exists" = 1 ]; then
    log "database '$DB' exists without hr_pop: installing hr_pop in it (log: $install_log)"
  else
    log "creating the demo database '$DB' with hr_pop and demo data (log: $install_log)"
  fi
  if ! run_odoo -i hr_pop --stop-after-init --log-level=info >"$install_log" 2>&1 \
      || grep -qE ' (ERROR|CRITICAL) |demo data failed' "$install_log"; then
    grep -E ' (ERROR|CRITICAL) |demo data failed' -A30 "$install_log" | head -60 >&2 \
      || tail -40 "$install_log" >&2
    die "installing hr_pop in '$DB' failed; see $install_log (start over with: dropdb $DB)"
  fi
fi
demo=$(sql "$DB" "SELECT 1 FROM ir_model_data WHERE module = 'hr_pop' AND name = 'pop_sanne'")
[ "$demo" = 1 ] || log "WARNING: '$DB' has hr_pop but not its demo data (the database was" \
  "created without demo); use another HR_POP_DEMO_DB to get the demo records"

cat >&2 <<INFO

  hr_pop demo: http://localhost:$PORT   (database: $DB; $mode)

  login / password
  pop_hr       / pop_hr        HR officer, POP administrator (Marieke de Vries)
  pop_manager  / pop_manager   manager holding the conversations (Jan Bakker)
  pop_employee / pop_employee  employee with an internal user (Sanne Jansen)
  pop_portal   / pop_portal    employee with a portal user (Pieter Visser): /my/pops
  admin        / admin         Odoo administrator

  Mail: Odoo sends through SMTP localhost:${SMTP_PORT:-2525} (odoo.conf). To read the mails, run
  in another terminal:  $VENV/bin/python -m aiosmtpd -n -l localhost:${SMTP_PORT:-2525}
  Without it, outgoing mails stay in the queue (Settings > Technical > Emails).

  Stop the server with Ctrl-C.

INFO
exec "$VENV/bin/python" "$ODOO_BIN" -c "$ODOO_CONF" -d "$DB" "${serve[@]}"
