#!/usr/bin/env bash
# Idempotent set-up for hr_pop: Odoo source, system packages, virtualenv, PostgreSQL, odoo.conf.
# Source it (". tools/setup.sh") to get ODOO_SRC, ODOO_BIN, ODOO_CONF, VENV and the PG* variables.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL="$ROOT/.local"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3.11}"
mkdir -p "$LOCAL"
log() { echo "[setup] $*" >&2; }
die() { echo "[setup] ERROR: $*" >&2; exit 1; }

# --- 1. Odoo source: $ODOO_SRC, then /opt/odoo/18.0, then the official nightly archive -------------
find_odoo() {
  if [ -n "${ODOO_SRC:-}" ]; then
    [ -f "$ODOO_SRC/odoo-bin" ] || die "ODOO_SRC=$ODOO_SRC has no odoo-bin; point ODOO_SRC at an Odoo 18.0 source tree."
    return
  fi
  if [ -f /opt/odoo/18.0/odoo-bin ]; then ODOO_SRC=/opt/odoo/18.0; return; fi
  if [ -f "$LOCAL/odoo/odoo-bin" ]; then ODOO_SRC="$LOCAL/odoo"; return; fi
  local url="https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
  log "no Odoo source found; downloading the 18.0 nightly from $url"
  if mkdir -p "$LOCAL/odoo.tmp" && curl -fsSL --max-time 600 "$url" | tar -xz -C "$LOCAL/odoo.tmp" --strip-components=1; then
    mv "$LOCAL/odoo.tmp" "$LOCAL/odoo"; ODOO_SRC="$LOCAL/odoo"
  else
    rm -rf "$LOCAL/odoo.tmp"
    die "no Odoo 18.0 source: set ODOO_SRC to an Odoo 18.0 source tree (or unpack one at /opt/odoo/18.0)."
  fi
}
find_odoo
export ODOO_SRC
export ODOO_BIN="$ODOO_SRC/odoo-bin"

# --- 2. System packages (Debian) when missing and we are root ------------------------------------
need_pkgs=()
command -v "$PYTHON" >/dev/null || PYTHON=python3
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${PGHOST:-}" ] || need_pkgs+=(postgresql)
command -v chromium >/dev/null || command -v google-chrome >/dev/null || need_pkgs+=(chromium)
command -v wkhtmltopdf >/dev/null || need_pkgs+=(wkhtmltopdf)
command -v pdftotext >/dev/null || need_pkgs+=(poppler-utils)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "installing Debian packages: ${need_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
  else
    die "missing Debian packages: ${need_pkgs[*]} (install them as root: apt-get install -y ${need_pkgs[*]})"
  fi
fi

# --- 3. Virtualenv with Odoo's requirements (minus python-ldap) and ours ---------------------------
req_stamp="$(cat "$ODOO_SRC/requirements.txt" "$ROOT/requirements-dev.txt" | sha256sum | cut -c1-16)"
if [ ! -f "$VENV/.stamp-$req_stamp" ]; then
  log "building the virtualenv in $VENV"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  # psycopg2 from source needs libpq headers; the binary wheel of the same version is the same module.
  grep -v -i '^python-ldap' "$ODOO_SRC/requirements.txt" \
    | sed -E 's/^psycopg2==/psycopg2-binary==/' > "$LOCAL/requirements-odoo.txt"
  # cbor2 5.4.2 does not build with setuptools >= 75.
  echo 'setuptools<75' > "$LOCAL/build-constraints.txt"
  PIP_CONSTRAINT="$LOCAL/build-constraints.txt" "$VENV/bin/pip" install -q --disable-pip-version-check \
    -r "$LOCAL/requirements-odoo.txt" -r "$ROOT/requirements-dev.txt"
  rm -f "$VENV"/.stamp-*; touch "$VENV/.stamp-$req_stamp"
fi
export VENV

# --- 4. PostgreSQL: the PG* server when given, else a private cluster in .local/pg ----------------
# As root the cluster runs as the `postgres` user, who cannot enter a checkout below /root (mode 700).
# Then the cluster lives in postgres's home, in a directory keyed by a hash of the checkout path, and
# .local/pg is a symbolic link to it. A cluster already in .local/pg (a real directory) stays there.
if [ -z "${PGHOST:-}" ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
  # From / : as root the current directory may be one the postgres user cannot enter.
  as_pg() { if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
  PGDIR="$LOCAL/pg"
  if [ "$(id -u)" = 0 ] && { [ -L "$PGDIR" ] || { [ ! -f "$PGDIR/data/PG_VERSION" ] \
      && ! as_pg test -x "$LOCAL"; }; }; then
    pg_home="$(getent passwd postgres | cut -d: -f6)"
    as_pg test -w "${pg_home:-/nonexistent}" \
      || die "the postgres user cannot enter $LOCAL nor write its home '${pg_home}'; set PGHOST to use another server."
    PGDIR="$pg_home/hr_pop/$(printf '%s' "$ROOT" | sha256sum | cut -c1-16)"
    if [ ! -d "$PGDIR" ]; then
      log "the postgres user cannot enter $LOCAL: the private cluster goes to $PGDIR"
      mkdir -p "$PGDIR"; chown postgres: "$pg_home/hr_pop" "$PGDIR"
    fi
    [ -f "$PGDIR/checkout" ] || printf '%s\n' "$ROOT" > "$PGDIR/checkout"
    # .local/pg points there; a directory left by a failed initdb holds no cluster and goes.
    if [ "$(readlink "$LOCAL/pg" 2>/dev/null)" != "$PGDIR" ]; then
      [ ! -d "$LOCAL/pg" ] || [ -L "$LOCAL/pg" ] || rm -rf "$LOCAL/pg"
      ln -sfn "$PGDIR" "$LOCAL/pg"
    fi
  fi
  PGDATA="$PGDIR/data"; PGRUN="$PGDIR/run"
  export PGHOST="$PGRUN" PGPORT="${PGPORT:-55432}" PGUSER="${PGUSER:-hr_pop}"
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "creating a private PostgreSQL cluster in $PGDATA"
    mkdir -p "$PGDATA" "$PGRUN"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$PGDIR"; chown -R postgres: "$PGDATA" "$PGRUN"; fi
    as_pg "$pgbin/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_pg "$pgbin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    as_pg "$pgbin/pg_ctl" -D "$PGDATA" -l "$PGDIR/server.log" -w -o "-k $PGRUN -p $PGPORT -c listen_addresses=''" start >/dev/null
  fi
  if ! psql -h "$PGRUN" -p "$PGPORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='$PGUSER'" | grep -q 1; then
    psql -h "$PGRUN" -p "$PGPORT" -U postgres -d postgres -qc "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB" >/dev/null
  fi
fi
[ "${PGUSER:-}" != postgres ] || die "Odoo refuses the 'postgres' role: set PGUSER to another role."

# --- 5. odoo.conf -----------------------------------------------------------------------------------
export ODOO_CONF="$LOCAL/odoo.conf"
addons="$ODOO_SRC/odoo/addons"
[ -d "$ODOO_SRC/addons" ] && addons="$addons,$ODOO_SRC/addons"
# Written atomically and only when it changes, so that parallel runs never read half a file.
conf_tmp="$(mktemp "$LOCAL/odoo.conf.XXXXXX")"
cat > "$conf_tmp" <<CONF
[options]
addons_path = $addons,$ROOT
data_dir = $LOCAL/filestore
db_host = ${PGHOST}
db_port = ${PGPORT:-5432}
db_user = ${PGUSER}
db_password = ${PGPASSWORD:-False}
http_port = ${HTTP_PORT:-8069}
smtp_server = localhost
smtp_port = ${SMTP_PORT:-2525}
without_demo = False
CONF
if cmp -s "$conf_tmp" "$ODOO_CONF"; then rm -f "$conf_tmp"; else mv "$conf_tmp" "$ODOO_CONF"; fi
log "ready: Odoo $ODOO_SRC, database ${PGUSER}@${PGHOST}:${PGPORT:-5432}"
