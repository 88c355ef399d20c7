#!/usr/bin/env bash
# Times every turn of the Five Minute Review through the real bot on a private Azurite.
# Usage: bench/review.sh [--reviews 200] [--warmup 10] [--out artifacts/bench/review.json]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib/azurite.sh"

dotnet build "$root/bench/ReviewBench/ReviewBench.csproj" -c Release -nologo -v quiet
start_private_azurite "$root"
cd "$root"
Storage__ConnectionString="$AZURITE_CONNECTION" \
  dotnet "$root/bench/ReviewBench/bin/Release/net10.0/ReviewBench.dll" "$@"
