#!/usr/bin/env bash
# Makes sure this machine runs what the platform needs: PostgreSQL on 127.0.0.1:5432 and NATS with
# JetStream on 127.0.0.1:4222, that the five service databases exist, and that promtool and prometheus
# (the alert-rule tests, test/operations and test/system/operations.spec.ts) and a CJK font
# (fonts-noto-cjk, the CX report's PDF) are installed; with --for-tests (npm test, .ci/run) also chromium
# (the console's browser tests) and pdftoppm (poppler-utils, the CX report's tests). Starts Postgres and
# NATS when installed but stopped; installs the Debian packages when missing and running as root;
# otherwise prints the exact command to run. Safe to run again and again (it is quick when all is up).
set -euo pipefail

PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
NATS_PORT=${NATS_PORT:-4222}
DATABASES=(crm complaints aftersales surveys training)

say() { printf '[infra] %s\n' "$*"; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

apt_updated=0
install_packages() {
  if ! as_root true; then
    die "missing $*; install with: sudo apt-get update && sudo apt-get install -y $*"
  fi
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  say "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 150); do port_open "$1" "$2" && return 0; sleep 0.2; done
  return 1
}

# --- PostgreSQL -------------------------------------------------------------------------------
pg_installed_now=0
if ! port_open "$PG_HOST" "$PG_PORT"; then
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    install_packages postgresql
    pg_installed_now=1
  fi
  if command -v pg_lsclusters >/dev/null 2>&1; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
      as_root pg_createcluster "$version" main >/dev/null || die "could not create a PostgreSQL $version cluster"
    fi
    say "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start \
      || die "could not start PostgreSQL; try: sudo pg_ctlcluster $version main start"
  else
    die "PostgreSQL is installed but not managed by pg_ctlcluster; start it so it listens on $PG_HOST:$PG_PORT"
  fi
  wait_port "$PG_HOST" "$PG_PORT" || die "PostgreSQL did not start listening on $PG_HOST:$PG_PORT"
fi

psql_admin() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

if ! psql_admin -c 'SELECT 1' >/dev/null 2>&1; then
  if [ "$pg_installed_now" = 1 ] || [ "${CX_TRUST_LOCAL_POSTGRES:-}" = 1 ]; then
    # A cluster this script just installed: let local development connect without a password.
    hba=$(as_root find /etc/postgresql -name pg_hba.conf | sort -V | tail -n 1)
    say "allowing trust auth for $PG_USER on loopback in $hba (development machine)"
    as_root sed -i "1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust" "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /usr/lib/postgresql | sort -V | tail -n 1)" main reload
    sleep 1
  fi
  psql_admin -c 'SELECT 1' >/dev/null 2>&1 \
    || die "cannot connect as $PG_USER to $PG_HOST:$PG_PORT; set PGPASSWORD, or CX_TRUST_LOCAL_POSTGRES=1 to allow trust on loopback"
fi

for db in "${DATABASES[@]}"; do
  if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    psql_admin -c "CREATE DATABASE \"$db\"" >/dev/null && say "created database $db"
  fi
done
# WAL kept for recycling (ADR 55): a write burst beyond what the last checkpoint cycle used otherwise
# creates new 16 MB segments, zero-filled and fsynced while COMMITs wait (wait event IO/WALInitSync).
# Raised from the stock 80MB only, never lowered; a reload, no restart. CX_KEEP_POSTGRES_SETTINGS=1 skips it.
if [ "${CX_KEEP_POSTGRES_SETTINGS:-}" != 1 ]; then
  min_wal_mb=$(psql_admin -c "SELECT setting FROM pg_settings WHERE name = 'min_wal_size'")
  max_wal_mb=$(psql_admin -c "SELECT setting FROM pg_settings WHERE name = 'max_wal_size'")
  want_mb=$((max_wal_mb < 1024 ? max_wal_mb : 1024))
  if [ "$min_wal_mb" -lt "$want_mb" ]; then
    psql_admin -c "ALTER SYSTEM SET min_wal_size = '${want_mb}MB'" -c 'SELECT pg_reload_conf()' >/dev/null \
      && say "min_wal_size ${min_wal_mb}MB -> ${want_mb}MB (WAL recycled for write bursts; ADR 55)"
  fi
fi
say "PostgreSQL ready on $PG_HOST:$PG_PORT (databases: ${DATABASES[*]})"

# --- NATS with JetStream ---------------------------------------------------------------------
if ! port_open 127.0.0.1 "$NATS_PORT"; then
  command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || install_packages nats-server
  nats_bin=$(command -v nats-server || echo /usr/sbin/nats-server)
  if [ "$(id -u)" = 0 ]; then store=/var/lib/nats-server; log=/var/log/nats-server.log
  else store="${XDG_STATE_HOME:-$HOME/.local/state}/cx-platform/nats"; log="$store/nats-server.log"
  fi
  mkdir -p "$store"
  say "starting nats-server with JetStream (store $store)"
  if command -v start-stop-daemon >/dev/null 2>&1; then
    start-stop-daemon --start --oknodo --background --exec "$nats_bin" -- \
      -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$store" -l "$log"
  else
    nohup "$nats_bin" -a 127.0.0.1 -p "$NATS_PORT" -js -sd "$store" -l "$log" >/dev/null 2>&1 &
  fi
  wait_port 127.0.0.1 "$NATS_PORT" || die "nats-server did not start; see $log"
fi
say "NATS ready on 127.0.0.1:$NATS_PORT"

# --- promtool and prometheus (alert rules, their tests) ----------------------------------------
# Only the binaries: the tests start their own Prometheus on a free port. The package's service is
# not wanted on a development machine, so an instance the install started is stopped (by its pid).
if ! command -v promtool >/dev/null 2>&1 || ! command -v prometheus >/dev/null 2>&1; then
  if as_root true; then
    before=$(pgrep -x prometheus || true)
    install_packages --no-install-recommends prometheus
    for pid in $(pgrep -x prometheus || true); do
      case " $before " in *" $pid "*) ;; *) as_root kill "$pid" 2>/dev/null || true ;; esac
    done
  else
    # Not fatal: the services run without it; only the alert-rule tests need it (and fail saying so).
    say "WARNING: promtool/prometheus missing (alert-rule tests need them): sudo apt-get install -y prometheus"
  fi
fi
command -v promtool >/dev/null 2>&1 && say "promtool ready ($(promtool --version 2>&1 | head -n 1))"

# --- a CJK font, and for the tests chromium and pdftoppm (the CX report, the console's browser tests) ---
# Noto Sans CJK, the font surveys draws the periodic report's PDF in (ADR 41), always. With --for-tests
# (npm test, .ci/run) also Debian's Chromium, driven by playwright-core (test/system/console), and
# poppler-utils' pdftotext and pdftoppm, which read the report's PDF back in its tests: `npm start`
# does not download a browser it never runs.
missing=()
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
if [ "${1:-}" = --for-tests ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if as_root true; then
    install_packages --no-install-recommends "${missing[@]}"
  else
    # Not fatal: the services run without them; only the browser tests and the CX report need them.
    say "WARNING: ${missing[*]} missing (console browser tests, CX report): sudo apt-get install -y ${missing[*]}"
  fi
fi
command -v chromium >/dev/null 2>&1 && say "chromium ready ($(chromium --version 2>/dev/null | head -n 1))"
