#!/usr/bin/env bash
# Benchmarks LearningBot.Storage against the legacy Microsoft.Azure.Cosmos.Table client on a private Azurite.
# Usage: bench/table.sh [--ops 2000] [--queries 200] [--rounds 2]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
azurite="$root/node_modules/azurite/dist/src/table/main.js"
if [[ ! -f "$azurite" ]]; then
  echo "Azurite is not installed: run 'npm ci' in $root first." >&2
  exit 1
fi

dotnet build "$root/bench/TableBench/TableBench.csproj" -c Release -nologo -v quiet

data="$(mktemp -d -t azurite-bench-XXXXXX)"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
node "$azurite" --tableHost 127.0.0.1 --tablePort "$port" --location "$data" --silent \
  --skipApiVersionCheck --disableTelemetry --tableKeepAliveTimeout 60 &
azurite_pid=$!
cleanup() {
  kill "$azurite_pid" 2>/dev/null || true
  wait "$azurite_pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  sleep 0.1
done

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;"
dotnet "$root/bench/TableBench/bin/Release/net10.0/TableBench.dll" --connection "$connection" "$@"
