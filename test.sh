#!/usr/bin/env bash
# Installs what is missing and runs every test: unit, integration on a real PostgreSQL,
# and browser tests in headless Chromium. Ends with "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/scripts/common.sh"
set +e
cd "$ROOT"

fail_early() { echo "$1" >&2; echo "0 passed, 1 failed"; exit 1; }

ensure_front_end || fail_early "Could not install the front-end packages."
apt_install chromium fonts-liberation || fail_early "Could not install Chromium."
# pdftotext reads printed safety plans back in the tests.
apt_install poppler-utils || fail_early "Could not install poppler-utils."
ensure_postgres || fail_early "Could not start PostgreSQL."
export AFTERCARE_TEST_ADMIN_CONNECTION="$PG_ADMIN_CONNECTION"
export AFTERCARE_CHROMIUM="${AFTERCARE_CHROMIUM:-/usr/bin/chromium}"
export AFTERCARE_AXE="$ROOT/node_modules/axe-core/axe.min.js"

say "Building (warnings are errors)"
dotnet build Aftercare.sln -c Debug -nologo -v q -warnaserror || fail_early "The build failed."

say "Checking formatting"
dotnet format Aftercare.sln --verify-no-changes --no-restore -v q || fail_early "Formatting differs: run 'dotnet format Aftercare.sln'."

results="$ROOT/TestResults"
rm -rf "$results"; mkdir -p "$results"
status=0
for project in tests/Aftercare.Domain.Tests tests/Aftercare.Web.Tests; do
  name=$(basename "$project")
  say "Running $name"
  dotnet test "$project" -c Debug --no-build -nologo -v q \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
