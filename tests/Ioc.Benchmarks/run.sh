#!/usr/bin/env bash
# The benchmarks of issue 7, unattended: builds in Release, generates (or reuses) the data,
# runs every scenario and prints a Markdown table on stdout (progress on stderr).
#   bash tests/Ioc.Benchmarks/run.sh                 # full sizes (about 2.5 hours on 2 cores)
#   bash tests/Ioc.Benchmarks/run.sh --quick         # small sizes, a smoke test (about 10 minutes)
#   bash tests/Ioc.Benchmarks/run.sh --help          # --only, --data, --out, --runs, --update-readme, …
# Installs Debian's Chromium (for the screen, circuits and soak scenarios) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium from Debian for the browser scenarios..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || echo "Could not install chromium" >&2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build tests/Ioc.Benchmarks/Ioc.Benchmarks.csproj -c Release -nologo -v q >&2
exec dotnet tests/Ioc.Benchmarks/bin/Release/net10.0/Ioc.Benchmarks.dll "$@"
