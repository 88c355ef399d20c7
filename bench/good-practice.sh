#!/usr/bin/env bash
# Times every turn of a good-practice example's journey (share in four steps, send, approve) through the real bot on a private Azurite.
# Usage: bench/good-practice.sh [--rounds 100] [--warmup 5] [--out artifacts/bench/good-practice.json]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib/azurite.sh"

dotnet build "$root/bench/GoodPracticeBench/GoodPracticeBench.csproj" -c Release -nologo -v quiet
start_private_azurite "$root"
cd "$root"
Storage__ConnectionString="$AZURITE_CONNECTION" \
  dotnet "$root/bench/GoodPracticeBench/bin/Release/net10.0/GoodPracticeBench.dll" "$@"
