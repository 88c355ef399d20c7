#!/usr/bin/env bash
# Benchmarks LearningBot.Storage against the legacy Microsoft.Azure.Cosmos.Table client on a private Azurite.
# Usage: bench/table.sh [--ops 2000] [--queries 200] [--rounds 2]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib/azurite.sh"

dotnet build "$root/bench/TableBench/TableBench.csproj" -c Release -nologo -v quiet
start_private_azurite "$root"
dotnet "$root/bench/TableBench/bin/Release/net10.0/TableBench.dll" --connection "$AZURITE_CONNECTION" --azurite-pid "$AZURITE_PID" "$@"
