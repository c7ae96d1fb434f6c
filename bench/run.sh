#!/usr/bin/env bash
# Benchmarks Aftercare: loads synthetic data at a chosen scale into the benchmark's own PostgreSQL
# cluster, measures pgbench -S on it, drives the running application with signed-in clients and
# prints a table, also kept in bench/results/. See bench/README.md.
#   bench/run.sh [--scale 1] [--clients 16] [--seconds 30] [--warmup 10]
#                [--reuse-data] [--app-db-options "Max Auto Prepare=30"] [--scenarios record,search,plan]
#                [--pages 500] [--messages-per-second 100] [--crisis-share 0.1]
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"

SCALE=1
CLIENTS=16
DURATION=30
WARMUP=10
REUSE=0
APP_DB_OPTIONS=""
SCENARIOS="baseline,search,record,presentation,plan,plan-save,plan-pdf,work,team-work,pathway,messaging,team-dashboard,deployment-dashboard"
PAGES=500
RATE=100
CRISIS_SHARE=0.1
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE="${2:?--scale needs a value}"; shift 2 ;;
    --clients) CLIENTS="${2:?--clients needs a value}"; shift 2 ;;
    --seconds) DURATION="${2:?--seconds needs a value}"; shift 2 ;;
    --warmup) WARMUP="${2:?--warmup needs a value}"; shift 2 ;;
    --reuse-data) REUSE=1; shift ;;
    --app-db-options) APP_DB_OPTIONS="${2?--app-db-options needs a value}"; shift 2 ;;
    --scenarios) SCENARIOS="${2:?--scenarios needs a value}"; shift 2 ;;
    --pages) PAGES="${2:?--pages needs a value}"; shift 2 ;;
    --messages-per-second) RATE="${2:?--messages-per-second needs a value}"; shift 2 ;;
    --crisis-share) CRISIS_SHARE="${2:?--crisis-share needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "Unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$SCALE" =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "--scale must be a number, like 1 or 0.1" >&2; exit 2; }
for n in "$CLIENTS" "$DURATION" "$WARMUP"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "--clients, --seconds and --warmup must be whole numbers" >&2; exit 2; }
done

# The benchmark's own cluster and folder: the developer's database is never touched. The cluster
# keeps the port it was made with, named after its folder, so two checkouts can each run one.
export AFTERCARE_DATA_DIR="$REPO/.data/bench"
unset AFTERCARE_PG_PORT
unset AFTERCARE_DATABASE
# shellcheck source=../scripts/common.sh
source "$REPO/scripts/common.sh"

APP_PORT="${AFTERCARE_BENCH_APP_PORT:-5090}"
APP_URL="http://127.0.0.1:$APP_PORT"
BENCH_DB=aftercare_bench
PGBENCH_DB=pgbench_bench
PGBENCH_SCALE=10
RESULTS="$BENCH_DIR/results"
APP_PID=""
STARTED_PG=0
BENCH_DLL="$REPO/bench/Aftercare.Bench/bin/Release/net10.0/Aftercare.Bench.dll"

# Stops whatever this script started, however it ends: the application, and the cluster if it
# was not already running. The loaded database is kept for inspection; the next run replaces it.
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  if [ "$STARTED_PG" -eq 1 ]; then
    say "Stopping the benchmark's PostgreSQL cluster"
    as_pg "$(pg_bin)/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cd "$ROOT"
mkdir -p "$RESULTS"
started_at=$(date +%s)

ensure_front_end
apt_install postgresql postgresql-contrib
resolve_pgdata
if ! as_pg "$(pg_bin)/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then STARTED_PG=1; fi
ensure_postgres
BIN="$(pg_bin)"
DB_PASSWORD="$(cat "$DATA_ROOT/db-password")"
BENCH_CONNECTION="$PG_ADMIN_CONNECTION;Database=$BENCH_DB"
admin_sql() { as_pg "$BIN/psql" -h "$PGDATA_DIR" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }

if curl -s -o /dev/null "$APP_URL/" 2>/dev/null; then
  echo "Something is already listening on $APP_URL; stop it first." >&2
  exit 1
fi

say "Building (Release)"
dotnet build "$REPO/bench/Aftercare.Bench" -c Release -nologo -v q

LOAD_SUMMARY="$DATA_ROOT/load-summary.json"
REUSED=0
if [ "$REUSE" -eq 1 ] && [ -s "$LOAD_SUMMARY" ] \
    && admin_sql -tAc "SELECT 1 FROM pg_database WHERE datname = '$BENCH_DB'" | grep -q 1; then
  SCALE="$(sed -n 's/.*"Scale": *\([0-9.]*\).*/\1/p' "$LOAD_SUMMARY")"
  REUSED=1
  say "Reusing the data loaded before (scale $SCALE); earlier runs' presentations and audit events are still in it"
  # A load from before the directory and referrals existed gets them added, once.
  dotnet "$BENCH_DLL" top-up --scale "$SCALE" --connection "$BENCH_CONNECTION" --summary "$LOAD_SUMMARY"
else
  say "Creating a fresh $BENCH_DB database"
  rm -f "$LOAD_SUMMARY"
  admin_sql -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" -c "CREATE DATABASE $BENCH_DB OWNER aftercare"
  say "Loading synthetic data at scale $SCALE"
  dotnet "$BENCH_DLL" load --scale "$SCALE" --connection "$BENCH_CONNECTION" --summary "$LOAD_SUMMARY"
fi
# Writes out what the load dirtied now, rather than in a checkpoint during the measurements.
admin_sql -c "CHECKPOINT"
STAMP="$(date -u +%Y%m%d-%H%M%S)-scale$SCALE"

say "Starting Aftercare on $APP_URL"
APP_LOG="$RESULTS/$STAMP-app.log"
(
  # The content root is the project folder, where wwwroot is, as with dotnet run.
  cd "$REPO/src/Aftercare.Web"
  export ASPNETCORE_URLS="$APP_URL" ASPNETCORE_ENVIRONMENT=Production
  export AFTERCARE_LOCAL_DATABASE="$BENCH_CONNECTION${APP_DB_OPTIONS:+;$APP_DB_OPTIONS}"
  export Aftercare__DemoMode=true Aftercare__SeedDemoData=false Aftercare__SignInAttemptsPerMinute=100000
  exec dotnet bin/Release/net10.0/Aftercare.Web.dll
) >"$APP_LOG" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  if curl -sf -o /dev/null "$APP_URL/css/app.css"; then break; fi
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    cat "$APP_LOG" >&2
    echo "Aftercare stopped while starting." >&2
    exit 1
  fi
  sleep 0.5
done
curl -sf -o /dev/null "$APP_URL/css/app.css" || { echo "Aftercare did not start within a minute; see $APP_LOG" >&2; exit 1; }

say "Preparing pgbench's own database (pgbench -i, scale $PGBENCH_SCALE)"
admin_sql -c "DROP DATABASE IF EXISTS $PGBENCH_DB WITH (FORCE)" -c "CREATE DATABASE $PGBENCH_DB OWNER aftercare"
PGPASSWORD="$DB_PASSWORD" "$BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U aftercare -i -s "$PGBENCH_SCALE" -q "$PGBENCH_DB" 2>&1 | tail -n 1

say "Measuring pgbench -S, then driving Aftercare"
COMMIT="$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git -C "$REPO" status --porcelain -- src bench 2>/dev/null)" ]; then COMMIT="$COMMIT with local changes"; fi
NOTE="commit $COMMIT${APP_DB_OPTIONS:+; app connection options: $APP_DB_OPTIONS}"
if [ "$REUSED" -eq 1 ]; then NOTE="$NOTE; data reused from an earlier load"; fi
status=0
dotnet "$BENCH_DLL" drive --url "$APP_URL" --connection "$BENCH_CONNECTION" \
  --clients "$CLIENTS" --seconds "$DURATION" --warmup "$WARMUP" --app-pid "$APP_PID" \
  --pgbench "$BIN/pgbench" --pgbench-database "$PGBENCH_DB" --scenarios "$SCENARIOS" \
  --pages "$PAGES" --messages-per-second "$RATE" --crisis-share "$CRISIS_SHARE" \
  --load-summary "$LOAD_SUMMARY" --out "$RESULTS/$STAMP.txt" --note "$NOTE" || status=$?

say "Finished in $(( $(date +%s) - started_at )) s"
exit "$status"
