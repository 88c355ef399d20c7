# Sourced by the turn benchmark and the soak: the processes a run starts (their pids in PIDS), free loopback ports,
# waiting for a process to answer, and Azurite's table and queue services in memory. The caller defines log().
# shellcheck shell=bash

PIDS=()

# Stops every process the run started, and waits for each to end.
stop_processes() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until URL answers (with a 2xx when the fifth argument is 'healthy'); fails early if the process died. The
# bot's /healthz answers 503 until it can reach its table storage.
wait_http() {
  local name="$1" url="$2" pid="$3" logfile="$4" want="${5:-any}" fail=()
  [[ $want == healthy ]] && fail=(-f)
  for _ in $(seq 1 240); do
    if curl -s "${fail[@]}" -o /dev/null --max-time 6 "$url"; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited before it was ready; last lines of its log:"
      tail -n 30 "$logfile" >&2
      exit 1
    fi
    sleep 0.25
  done
  log "$name did not answer $url healthily in time; it says: $(curl -s --max-time 6 "$url" || true)"
  tail -n 30 "$logfile" >&2
  exit 1
}

# Azurite's table and queue services (the outbox and the delivery engine wake instances through queues), in memory:
# on disk Azurite rewrites its whole database every 5 s while rows change, which stops it for half a second and more
# once a run has written tens of thousands of rows (Azure Table Storage has no such pause). Started in WORK, where
# Azurite still writes its small config file. Sets AZURITE_PORT, AZURITE_PID, QUEUE_PORT and AZURITE_CONNECTION, and
# AZURITE_STARTED (Unix seconds). AZURITE_NODE_FLAGS, when set, are node's flags for the table service (--trace-gc, say,
# which NODE_OPTIONS does not take: its lines go to WORK/azurite.log).
start_memory_azurite() {
  local root="$1" work="$2"
  AZURITE_PORT="$(free_port)"
  AZURITE_STARTED="$(date +%s.%N)"
  # shellcheck disable=SC2086 # the flags are words
  (cd "$work" && exec node ${AZURITE_NODE_FLAGS:-} "$root/node_modules/azurite/dist/src/table/main.js" --tableHost 127.0.0.1 \
    --tablePort "$AZURITE_PORT" --inMemoryPersistence --silent) >"$work/azurite.log" 2>&1 &
  AZURITE_PID=$!
  PIDS+=("$AZURITE_PID")
  wait_http azurite "http://127.0.0.1:$AZURITE_PORT/devstoreaccount1/Tables" "$AZURITE_PID" "$work/azurite.log"
  QUEUE_PORT="$(free_port)"
  (cd "$work" && exec "$root/node_modules/.bin/azurite-queue" --queueHost 127.0.0.1 --queuePort "$QUEUE_PORT" \
    --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry) >"$work/azurite-queue.log" 2>&1 &
  PIDS+=("$!")
  wait_http azurite-queue "http://127.0.0.1:$QUEUE_PORT/devstoreaccount1?comp=list" "$!" "$work/azurite-queue.log"
  # Azurite's development account key: public, and the same in every install.
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$QUEUE_PORT/devstoreaccount1;"
}
