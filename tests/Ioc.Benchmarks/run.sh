#!/usr/bin/env bash
# The benchmarks of issue 7, unattended: builds in Release, generates (or reuses) the data,
# runs every scenario and prints a Markdown table on stdout (progress on stderr).
#   bash tests/Ioc.Benchmarks/run.sh                 # full sizes (about 2.5 hours on 2 cores)
#   bash tests/Ioc.Benchmarks/run.sh --quick         # small sizes, a smoke test (about 10 minutes)
#   bash tests/Ioc.Benchmarks/run.sh --help          # --only, --data, --out, --runs, --update-readme, …
#   bash tests/Ioc.Benchmarks/run.sh --quick --only nodes --runs 1   # one scenario; --only takes ingest, backfill,
#        subscriber, screen, query, list, circuits, soak, profile, providers, scale, nodes
# Installs Debian's Chromium (screen, circuits, soak and nodes scenarios), redis-server (nodes: the hub's
# backplane) and postgresql (providers, scale and nodes: a cluster of the run's own) when they are missing;
# apt starts none of them here, the scenarios run their own on loopback.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -x /usr/bin/redis-server ] || missing="$missing redis-server"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
if [ -n "$missing" ]; then
  echo "Installing$missing from Debian for the benchmarks..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null || echo "Could not install$missing" >&2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build tests/Ioc.Benchmarks/Ioc.Benchmarks.csproj -c Release -nologo -v q >&2
exec dotnet tests/Ioc.Benchmarks/bin/Release/net10.0/Ioc.Benchmarks.dll "$@"
