# Sourced by the benchmark commands: a private Azurite (Tables and Queues) on a free loopback port with its data in a
# temp folder, stopped and removed when the calling script exits. Sets AZURITE_CONNECTION.
# shellcheck shell=bash

start_private_azurite() {
  local root="$1" azurite="$1/node_modules/azurite/dist/src/azurite.js"
  if [[ ! -f "$azurite" ]]; then
    echo "Azurite is not installed: run 'npm ci' in $root first." >&2
    exit 1
  fi

  AZURITE_DATA="$(mktemp -d -t azurite-bench-XXXXXX)"
  local port queue_port blob_port free='const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  port="$(node -e "$free")"; queue_port="$(node -e "$free")"; blob_port="$(node -e "$free")"
  node "$azurite" --tableHost 127.0.0.1 --tablePort "$port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --blobHost 127.0.0.1 --blobPort "$blob_port" --location "$AZURITE_DATA" --silent \
    --skipApiVersionCheck --disableTelemetry --tableKeepAliveTimeout 60 &
  AZURITE_PID=$!
  trap stop_private_azurite EXIT

  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$queue_port") 2>/dev/null; then break; fi
    sleep 0.1
  done

  # Azurite's well-known development account key (public, the same on every machine).
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;"
}

stop_private_azurite() {
  kill "$AZURITE_PID" 2>/dev/null || true
  wait "$AZURITE_PID" 2>/dev/null || true
  rm -rf "$AZURITE_DATA"
}
