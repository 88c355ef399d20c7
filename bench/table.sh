#!/usr/bin/env bash
# Benchmarks the official Azure.Data.Tables 12.13.0 client, configured as the bot ships it
# (LearningBot.Storage.TableStorage.ClientOptions in bot/Storage/TableStorage.cs), against the legacy Microsoft.Azure.Cosmos.Table 1.0.8 client, in one run on a
# private Azurite: point read, upsert and one-partition query at concurrency 8 and 1; ops/s, KB allocated and CPU per
# operation (bench/README.md, "Table benchmark", explains the report).
# Usage: bench/table.sh [--ops 2000] [--queries 200] [--rounds 3] [--variants defaults,nolog,transport,...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib/azurite.sh"

dotnet build "$root/bench/TableBench/TableBench.csproj" -c Release -nologo -v quiet
start_private_azurite "$root"
dotnet "$root/bench/TableBench/bin/Release/net10.0/TableBench.dll" --connection "$AZURITE_CONNECTION" --azurite-pid "$AZURITE_PID" "$@"
