#!/usr/bin/env bash
# Soak: the real bot under a steady, realistic mixed load for a long time, with a delivery running. Open loop: turns
# start at a fixed rate whatever the bot's latency (default 30 a second: 60% questions, 20% review steps, 10% ratings,
# 10% help), while announcements go to --recipients people one after another (the bot's own delivery engine). Reports
# per window (a minute) the turns, p50/p99, errors, the bot's RSS, GC heap and CPU; at the end the memory slope after
# the warm-up, p99 per window (min/median/max), errors, lost and duplicated replies, each recipient's copies of each
# announcement, and storage calls per turn. Exits non-zero on any error, lost or duplicated reply or delivery.
#
#   bench/soak.sh [--rate 30] [--minutes 30] [--warmup-minutes 2] [--mix ask:60,review-step:20,rate:10,help:10]
#                 [--users 32] [--recipients 2000] [--timeout-ms 10000] [--no-build] [--trace-azurite-gc]
#                 [-- extra TurnBench soak options]
#
# --trace-azurite-gc runs Azurite's table service with Node's --trace-gc and, at the end, prints per minute its
# collections and their pauses beside the storage calls' latency (bench/lib/azurite-gc.py; log in soak-azurite-gc.log).
#
# Starts Azurite (Tables and Queues, fresh temp directory) and the bot (Release, local run: no app id, so no auth) on
# free loopback ports, with the same bench settings as turns.sh and TurnBench's GC probe as a startup hook, runs
# TurnBench's soak mode against it, prints the table and stops everything (also on Ctrl-C). The JSON, the table, the
# logs and the bot's storage calls per minute and request kind stay in artifacts/bench/ (or $BENCH_OUT) as soak.json,
# soak.txt, soak-bot.log, soak-storage.tsv (bench/lib/storage-trend.py reads the last).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RATE=30 MINUTES=30 WARMUP=2 MIX=ask:60,review-step:20,rate:10,help:10 USERS=32 RECIPIENTS=2000 TIMEOUT_MS=10000 BUILD=1 EXTRA=()
TRACE_GC=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rate) RATE="$2"; shift 2 ;;
    --minutes) MINUTES="$2"; shift 2 ;;
    --warmup-minutes) WARMUP="$2"; shift 2 ;;
    --mix) MIX="$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    --recipients) RECIPIENTS="$2"; shift 2 ;;
    --timeout-ms) TIMEOUT_MS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --trace-azurite-gc) TRACE_GC=1; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

CONFIG=Release
BOT_DIR="$ROOT/bot/bin/$CONFIG/net10.0"
BENCH_DLL="$ROOT/bench/TurnBench/bin/$CONFIG/net10.0/TurnBench.dll"
OUT="${BENCH_OUT:-$ROOT/artifacts/bench}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/learningbot-soak.XXXXXX")"
# shellcheck source=bench/lib/processes.sh
source "$ROOT/bench/lib/processes.sh"

cleanup() {
  stop_processes
  cp "$WORK/bot.log" "$OUT/soak-bot.log" 2>/dev/null || true
  cp "$WORK/storage.tsv" "$OUT/soak-storage.tsv" 2>/dev/null || true
  if [[ $TRACE_GC == 1 ]]; then
    cp "$WORK/azurite.log" "$OUT/soak-azurite-gc.log" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[soak] $*" >&2; }

if [[ $BUILD == 1 ]]; then
  log "building (Release)"
  for project in bot/LearningBot.csproj bench/TurnBench/TurnBench.csproj; do
    dotnet build "$ROOT/$project" -c "$CONFIG" --nologo -v quiet -clp:ErrorsOnly >&2
  done
fi

mkdir -p "$OUT"

[[ $TRACE_GC == 1 ]] && AZURITE_NODE_FLAGS=--trace-gc
start_memory_azurite "$ROOT" "$WORK"

# The people, as turns.sh seeds them: the sample people; for each soak user n, bench manager n with one direct report
# (the review steps); a member of the L&D Support Team, who announces. Then the delivery's recipients: everyone in the
# independent sector (no sample person is), ids TurnBench's DeliveryDriver.RecipientId.
bench_id() { printf '00000000-0000-4000-%s-%012d' "$1" "$2"; }
cp "$ROOT/people/people.csv" "$WORK/people.csv"
for n in $(seq 1 "$USERS"); do
  printf '%s,Bench Manager %d,Ward manager,Bench Hospital Trust,acute-trust,bench.manager%d@bench.example,true,\n' "$(bench_id 8000 "$n")" "$n" "$n" >>"$WORK/people.csv"
  printf '%s,Bench Colleague %d,Staff nurse,Bench Hospital Trust,acute-trust,bench.colleague%d@bench.example,false,%s\n' "$(bench_id 9000 "$n")" "$n" "$n" "$(bench_id 8000 "$n")" >>"$WORK/people.csv"
done
if [[ $RECIPIENTS -gt 0 ]]; then
  python3 - "$RECIPIENTS" >>"$WORK/people.csv" <<'PY'
import sys
for n in range(1, int(sys.argv[1]) + 1):
    print(f"00000000-0000-4000-6000-{n:012d},Soak Recipient {n},Care worker,Bench Care Homes,independent-sector,soak.recipient{n}@bench.example,true,")
PY
fi

# The delivery's Bot Connector is TurnBench's; the bot opens chats there (Delivery:Reach) for the recipients it has none with.
DELIVERY_PORT="$(free_port)"
DELIVERY_TENANT="5a0c3e1d-0000-4000-8000-50a4be4c4a11"

BOT_PORT="$(free_port)"
(
  cd "$BOT_DIR"
  export ASPNETCORE_URLS="http://127.0.0.1:$BOT_PORT"
  export ASPNETCORE_ENVIRONMENT=Development
  export Logging__LogLevel__Default=Warning
  export MicrosoftAppId="" MicrosoftAppPassword=""
  export DOTNET_STARTUP_HOOKS="$BENCH_DLL" TURNBENCH_GC_FILE="$WORK/LearningBot.gc" TURNBENCH_MEM_FILE="$WORK/LearningBot.mem" \
    TURNBENCH_STORAGE_FILE="$WORK/storage.tsv"
  export Storage__ConnectionString="$AZURITE_CONNECTION"
  # Information from the embedding loader only: the load waits until the bot answers by meaning.
  exec env "Logging__LogLevel__LearningBot.OneStopShop.Meaning=Information" "People__SeedFile=$WORK/people.csv" \
    "Roles__SupportTeam__0=$(bench_id 7000 1)" \
    "Delivery__Reach__ServiceUrl=http://127.0.0.1:$DELIVERY_PORT/" "Delivery__Reach__TenantId=$DELIVERY_TENANT" \
    FiveMinuteReview__RemindersEnabled=false FiveMinuteReview__FirstReviewGuide=false dotnet LearningBot.dll
) >"$WORK/bot.log" 2>&1 &
BOT_PID=$!
BOT_STARTED="$(date +%s.%N)"
PIDS+=("$BOT_PID")

wait_http LearningBot "http://127.0.0.1:$BOT_PORT/healthz" "$BOT_PID" "$WORK/bot.log" healthy
for _ in $(seq 1 240); do
  grep -q "Answering by meaning" "$WORK/bot.log" && break
  sleep 0.5
done
grep -q "Answering by meaning" "$WORK/bot.log" || { log "the bot never answered by meaning; see $OUT/soak-bot.log"; exit 1; }
log "ready: azurite :$AZURITE_PORT/:$QUEUE_PORT, LearningBot :$BOT_PORT (pid $BOT_PID), delivery connector :$DELIVERY_PORT"

status=0
dotnet "$BENCH_DLL" soak --target "http://127.0.0.1:$BOT_PORT/api/messages" \
  --rate "$RATE" --minutes "$MINUTES" --warmup-minutes "$WARMUP" --mix "$MIX" --users "$USERS" --timeout-ms "$TIMEOUT_MS" \
  --texts-file "$ROOT/bench/TurnBench/ask-questions.txt" \
  --recipients "$RECIPIENTS" --delivery-port "$DELIVERY_PORT" --delivery-tenant "$DELIVERY_TENANT" \
  --pid "$BOT_PID" --aux-pid "$AZURITE_PID" --gc-file "$WORK/LearningBot.gc" --mem-file "$WORK/LearningBot.mem" \
  --json "$OUT/soak.json" --table "$OUT/soak.txt" "${EXTRA[@]}" || status=$?

complaints="$(grep -cE '^(warn|fail|crit):' "$WORK/bot.log" || true)"
if [[ $complaints != 0 ]]; then
  log "LearningBot logged $complaints warnings or errors during the run: see $OUT/soak-bot.log"
fi
if [[ $TRACE_GC == 1 ]]; then
  # The storage probe counts seconds from the bot's start; Azurite's GC log from its own.
  python3 "$ROOT/bench/lib/azurite-gc.py" "$WORK/azurite.log" "$WORK/storage.tsv" \
    --offset "$(python3 -c "print($BOT_STARTED - $AZURITE_STARTED)")" | tee "$OUT/soak-azurite-gc.txt"
fi
log "results as JSON and as a table, and the bot's log, in $OUT"
exit "$status"
