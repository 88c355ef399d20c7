#!/usr/bin/env bash
# Turn benchmark: LearningBot's `help` turn against the floor (minimal ASP.NET Core endpoint)
# and the SDK peer (Bot Framework JS SDK echo bot), same machine, same load generator, one run;
# then LearningBot's ask turn (a question answered from the knowledge base by words and meaning,
# with its question-log write: bench/TurnBench/ask-questions.txt, asked in turn) against its `help` turn, and a course
# question answered from the learning directory (bench/TurnBench/course-questions.txt) against it too; then the turns
# that press Action.Execute buttons: rating an answer, logging a feedback signal and saving a review step (each with
# its own set-up, not measured; --press-turns of each, 200 warm-up), against the help turn as well.
#
#   bench/turns.sh [--turns 3000] [--users 16] [--warmup 500] [--rounds 3] [--press-turns 1000] [--timeout-ms 10000] [--no-build] [--help-only]
#
# --help-only measures only the help turn, the floor and floor+claim (no peer, no ask, course or press kinds), and
# does not wait for the bot to answer by meaning.
#
# Starts Azurite, the bot (Release, local run: no app id, so no auth), the floor, floor+claim (the floor with one
# table insert per turn) and the peer on
# free loopback ports (the .NET ones with TurnBench's GC probe as a startup hook, which reads
# allocation and GC counters and changes nothing else), measures each in turn with TurnBench (rounds interleaved: bot, floor, peer,
# bot, ...; each round has its own warm-up), prints the table, stops everything.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TURNS=3000 USERS=16 WARMUP=500 ROUNDS=3 PRESS_TURNS=1000 TIMEOUT_MS=10000 BUILD=1 HELP_ONLY=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --turns) TURNS="$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --press-turns) PRESS_TURNS="$2"; shift 2 ;;
    --timeout-ms) TIMEOUT_MS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --help-only) HELP_ONLY=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

CONFIG=Release
BOT_DIR="$ROOT/bot/bin/$CONFIG/net10.0"
FLOOR_DIR="$ROOT/bench/Floor/bin/$CONFIG/net10.0"
BENCH_DLL="$ROOT/bench/TurnBench/bin/$CONFIG/net10.0/TurnBench.dll"
PEER_DIR="$ROOT/bench/sdk-peer"
OUT="${BENCH_OUT:-$ROOT/artifacts/bench}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/learningbot-bench.XXXXXX")"
# shellcheck source=bench/lib/processes.sh
source "$ROOT/bench/lib/processes.sh"

cleanup() {
  stop_processes
  cp "$WORK"/*.log "$OUT"/ 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[turns] $*" >&2; }

if [[ $BUILD == 1 ]]; then
  log "building (Release)"
  for project in bot/LearningBot.csproj bench/Floor/Floor.csproj bench/TurnBench/TurnBench.csproj; do
    dotnet build "$ROOT/$project" -c "$CONFIG" --nologo -v quiet -clp:ErrorsOnly >&2
  done
  if [[ ! -d "$PEER_DIR/node_modules" || "$PEER_DIR/package-lock.json" -nt "$PEER_DIR/node_modules/.package-lock.json" ]]; then
    log "installing the SDK peer (npm ci)"
    (cd "$PEER_DIR" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
fi

mkdir -p "$OUT"

start_memory_azurite "$ROOT" "$WORK"

# The bench's people, for the button-press turns: the sample people plus, for each virtual user n, bench manager n
# (TurnBench's user n with --bench-people; also liaison staff, who may log signals) with one direct report, and a
# member of the L&D Support Team who chooses the L&D channel. The ids are TurnBench's (TeamsActivities.Bench*Id).
bench_id() { printf '00000000-0000-4000-%s-%012d' "$1" "$2"; }
cp "$ROOT/people/people.csv" "$WORK/people.csv"
BENCH_ROLES=("Roles__SupportTeam__0=$(bench_id 7000 1)")
for n in $(seq 1 "$USERS"); do
  printf '%s,Bench Manager %d,Ward manager,Bench Hospital Trust,acute-trust,bench.manager%d@bench.example,true,\n' "$(bench_id 8000 "$n")" "$n" "$n" >>"$WORK/people.csv"
  printf '%s,Bench Colleague %d,Staff nurse,Bench Hospital Trust,acute-trust,bench.colleague%d@bench.example,false,%s\n' "$(bench_id 9000 "$n")" "$n" "$n" "$(bench_id 8000 "$n")" >>"$WORK/people.csv"
  BENCH_ROLES+=("Roles__LiaisonStaff__$((n - 1))=$(bench_id 8000 "$n")")
done

# LearningBot: Release build, local run (no app id: inbound auth off, outbound without token).
BOT_PORT="$(free_port)"
(
  cd "$BOT_DIR"
  export ASPNETCORE_URLS="http://127.0.0.1:$BOT_PORT"
  export ASPNETCORE_ENVIRONMENT=Development
  export Logging__LogLevel__Default=Warning
  export MicrosoftAppId="" MicrosoftAppPassword=""
  export DOTNET_STARTUP_HOOKS="$BENCH_DLL" TURNBENCH_GC_FILE="$WORK/LearningBot.gc"
  export Storage__ConnectionString="$AZURITE_CONNECTION"
  # Information from the embedding loader only: the ask rounds wait until the bot answers by meaning.
  exec env "Logging__LogLevel__LearningBot.OneStopShop.Meaning=Information" "People__SeedFile=$WORK/people.csv" "${BENCH_ROLES[@]}" \
    FiveMinuteReview__RemindersEnabled=false FiveMinuteReview__FirstReviewGuide=false dotnet LearningBot.dll
) >"$WORK/bot.log" 2>&1 &
BOT_PID=$!
PIDS+=("$BOT_PID")

# The floor: receive, post one reply, answer 200.
FLOOR_PORT="$(free_port)"
(
  cd "$FLOOR_DIR"
  export ASPNETCORE_URLS="http://127.0.0.1:$FLOOR_PORT"
  export DOTNET_STARTUP_HOOKS="$BENCH_DLL" TURNBENCH_GC_FILE="$WORK/floor.gc"
  exec dotnet LearningBot.Bench.Floor.dll
) >"$WORK/floor.log" 2>&1 &
FLOOR_PID=$!
PIDS+=("$FLOOR_PID")

# floor+claim: the same endpoint plus one table insert per turn into the same Azurite (the claim that de-duplicates
# turns across instances, at its least).
CLAIM_PORT="$(free_port)"
(
  cd "$FLOOR_DIR"
  export ASPNETCORE_URLS="http://127.0.0.1:$CLAIM_PORT"
  export DOTNET_STARTUP_HOOKS="$BENCH_DLL" TURNBENCH_GC_FILE="$WORK/floor-claim.gc"
  export Claim__ConnectionString="$AZURITE_CONNECTION"
  exec dotnet LearningBot.Bench.Floor.dll
) >"$WORK/floor-claim.log" 2>&1 &
CLAIM_PID=$!
PIDS+=("$CLAIM_PID")

if [[ $HELP_ONLY == 0 ]]; then
  # The SDK peer: Bot Framework JS SDK EchoBot, CloudAdapter without credentials.
  PEER_PORT="$(free_port)"
  (
    cd "$PEER_DIR"
    export PORT="$PEER_PORT" NODE_ENV=production
    exec node --no-deprecation index.js
  ) >"$WORK/sdk-peer.log" 2>&1 &
  PEER_PID=$!
  PIDS+=("$PEER_PID")
fi

wait_http LearningBot "http://127.0.0.1:$BOT_PORT/healthz" "$BOT_PID" "$WORK/bot.log" healthy
wait_http floor "http://127.0.0.1:$FLOOR_PORT/healthz" "$FLOOR_PID" "$WORK/floor.log" healthy
wait_http floor+claim "http://127.0.0.1:$CLAIM_PORT/healthz" "$CLAIM_PID" "$WORK/floor-claim.log" healthy
[[ $HELP_ONLY == 1 ]] || wait_http sdk-peer "http://127.0.0.1:$PEER_PORT/healthz" "$PEER_PID" "$WORK/sdk-peer.log" healthy
log "ready: azurite :$AZURITE_PORT, LearningBot :$BOT_PORT (pid $BOT_PID), floor :$FLOOR_PORT, floor+claim :$CLAIM_PORT, sdk-peer :${PEER_PORT:-off}"

measure() {
  local name="$1" port="$2" pid="$3" round="$4"
  shift 4
  dotnet "$BENCH_DLL" run --name "$name" --target "http://127.0.0.1:$port/api/messages" \
    --turns "$TURNS" --users "$USERS" --warmup "$WARMUP" --timeout-ms "$TIMEOUT_MS" \
    --pid "$pid" --json "$OUT/$name.$round.json" "$@" >/dev/null
}

for _ in $(seq 1 240); do
  [[ $HELP_ONLY == 1 ]] && break
  grep -q "Answering by meaning" "$WORK/bot.log" && break
  sleep 0.5
done
[[ $HELP_ONLY == 1 ]] || grep -q "Answering by meaning" "$WORK/bot.log" || { log "the bot never answered by meaning; see $OUT/bot.log"; exit 1; }

rm -f "$OUT"/LearningBot*.json "$OUT"/floor.*.json "$OUT"/floor+claim.*.json "$OUT"/sdk-peer.*.json
for round in $(seq 1 "$ROUNDS"); do
  log "round $round of $ROUNDS"
  measure LearningBot "$BOT_PORT" "$BOT_PID" "$round" --text help --expect-card true --aux-pid "$AZURITE_PID" --gc-file "$WORK/LearningBot.gc"
  measure floor "$FLOOR_PORT" "$FLOOR_PID" "$round" --text help --gc-file "$WORK/floor.gc"
  measure floor+claim "$CLAIM_PORT" "$CLAIM_PID" "$round" --text help --aux-pid "$AZURITE_PID" --gc-file "$WORK/floor-claim.gc"
  [[ $HELP_ONLY == 1 ]] && continue
  measure sdk-peer "$PEER_PORT" "$PEER_PID" "$round" --text help
  measure LearningBot-ask "$BOT_PORT" "$BOT_PID" "$round" --texts-file "$ROOT/bench/TurnBench/ask-questions.txt" \
    --expect-card true --aux-pid "$AZURITE_PID" --gc-file "$WORK/LearningBot.gc"
  measure LearningBot-course "$BOT_PORT" "$BOT_PID" "$round" --texts-file "$ROOT/bench/TurnBench/course-questions.txt" \
    --expect-card true --aux-pid "$AZURITE_PID" --gc-file "$WORK/LearningBot.gc"
  for kind in rate signal review-step; do
    measure "LearningBot-$kind" "$BOT_PORT" "$BOT_PID" "$round" --kind "$kind" --bench-people true --turns "$PRESS_TURNS" --warmup 200 \
      --texts-file "$ROOT/bench/TurnBench/ask-questions.txt" --aux-pid "$AZURITE_PID" --gc-file "$WORK/LearningBot.gc"
  done
done

echo
echo "Turns: $TURNS measured after $WARMUP warm-up, $USERS concurrent users, closed loop, $ROUNDS round(s) each (median shown), $(nproc) cores."
dotnet "$BENCH_DLL" report --goal floor:0.75:1.5 --goal sdk-peer:1.5 \
  "$OUT"/LearningBot.*.json "$OUT"/floor.*.json "$OUT"/floor+claim.*.json $([[ $HELP_ONLY == 1 ]] || echo "$OUT/sdk-peer.*.json")
if [[ $HELP_ONLY == 1 ]]; then
  log "results as JSON, and the logs, in $OUT"
  exit 0
fi
echo
echo "The ask turn against the help turn (goal: p99 at most 2x help's, cost per turn within 2x):"
dotnet "$BENCH_DLL" report --goal LearningBot:0.5:2 "$OUT"/LearningBot-ask.*.json "$OUT"/LearningBot.*.json
echo
echo "A course question answered from the learning directory against the help turn:"
dotnet "$BENCH_DLL" report --goal LearningBot:0.5:2 "$OUT"/LearningBot-course.*.json "$OUT"/LearningBot.*.json
for kind in rate signal review-step; do
  echo
  echo "Pressing a button, $kind (Action.Execute; the answer is the invoke response), against the help turn (goal: cost per turn within 2x):"
  dotnet "$BENCH_DLL" report --goal LearningBot:0.5:2 "$OUT"/LearningBot-$kind.*.json "$OUT"/LearningBot.*.json
done
complaints="$(grep -cE '^(warn|fail|crit):' "$WORK/bot.log" || true)"
if [[ $complaints != 0 ]]; then
  log "LearningBot logged $complaints warnings or errors during the run: see $OUT/bot.log"
fi
log "results as JSON, and the logs, in $OUT"
