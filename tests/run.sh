#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line: "N passed, N failed".
# Installs Debian's Chromium, nginx, redis-server and postgresql for the tests when they are missing (needs root or sudo).
set -uo pipefail
cd "$(dirname "$0")/.."

# Debian's Chromium for the browser tests, nginx for the production guide's sites (docs/deploy) and
# redis-server for the KPI hub's backplane, and postgresql for the provider tests, installed when missing
# (needs root or sudo). apt does not start nginx, redis or PostgreSQL here; each test runs its own on
# loopback ports (PostgreSQL: a throw-away cluster in a temp folder, tests/Ioc.Testing/PostgresCluster.cs).
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -x /usr/sbin/nginx ] || missing="$missing nginx"
[ -x /usr/bin/redis-server ] || missing="$missing redis-server"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
if [ -n "$missing" ]; then
  echo "Installing$missing from Debian for the tests..."
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || { echo "Could not install$missing"; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

dotnet build Ioc.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }

status=0
projects=$(ls tests/*/*.csproj | grep -v -E 'Ioc.Testing|Ioc.Benchmarks')
for project in $projects; do
  name=$(basename "$project" .csproj)
  echo "=== $name"
  if ! dotnet test "$project" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1800000; then
    status=1
  fi
  if [ ! -f "$results/$name.trx" ]; then
    echo "No results from $name: the test host crashed or timed out."
    status=1
    echo '<Counters total="1" executed="1" passed="0" failed="1" />' > "$results/$name.trx"
  fi
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
[ "$failed" -gt 0 ] && status=1
# The failed tests by name, each with the first lines of its message, last before the total: a CI log
# shown by its tail still names every failure and says why.
if command -v python3 >/dev/null 2>&1; then
  python3 tests/failures.py "$results"/*.trx || true
else
  for trx in "$results"/*.trx; do
    grep -o 'testName="[^"]*"[^>]*outcome="Failed"' "$trx" | sed 's/testName="\([^"]*\)".*/FAILED \1/' || true
  done
fi
echo "$passed passed, $failed failed"
exit $status
