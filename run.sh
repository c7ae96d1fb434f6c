#!/usr/bin/env bash
# Serves Aftercare with demo data on http://127.0.0.1:5080.
# With AFTERCARE_DATABASE set to a connection string, that database is used and nothing local starts.
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"
cd "$ROOT"

ensure_front_end
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
if [ -n "${AFTERCARE_DATABASE:-}" ]; then
  say "Using the database in AFTERCARE_DATABASE; demo mode is off."
  export Aftercare__DemoMode=false
else
  ensure_postgres
  export AFTERCARE_LOCAL_DATABASE="$LOCAL_DATABASE"
  export Aftercare__DemoMode=true
fi

say "Building Aftercare"
dotnet build src/Aftercare.Web -c Release -nologo -v q
say "Starting Aftercare"
exec dotnet run --project src/Aftercare.Web -c Release --no-build --no-launch-profile
