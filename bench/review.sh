#!/usr/bin/env bash
# Times every turn of the Five Minute Review through the real bot on a private Azurite.
# Usage: bench/review.sh [--reviews 200] [--warmup 10] [--out artifacts/bench/review.json]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
azurite="$root/node_modules/azurite/dist/src/table/main.js"
if [[ ! -f "$azurite" ]]; then
  echo "Azurite is not installed: run 'npm ci' in $root first." >&2
  exit 1
fi

dotnet build "$root/bench/ReviewBench/ReviewBench.csproj" -c Release -nologo -v quiet

data="$(mktemp -d -t azurite-review-bench-XXXXXX)"
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
cd "$root"
Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;" \
  dotnet "$root/bench/ReviewBench/bin/Release/net10.0/ReviewBench.dll" "$@"
