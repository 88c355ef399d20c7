#!/usr/bin/env bash
# Times every turn of a feedback signal's journey (log, moderate, alert, answer) through the real bot on a private Azurite.
# Usage: bench/signals.sh [--rounds 100] [--warmup 5] [--out artifacts/bench/signals.json]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib/azurite.sh"

dotnet build "$root/bench/SignalBench/SignalBench.csproj" -c Release -nologo -v quiet
start_private_azurite "$root"
cd "$root"
Storage__ConnectionString="$AZURITE_CONNECTION" \
  dotnet "$root/bench/SignalBench/bin/Release/net10.0/SignalBench.dll" "$@"
