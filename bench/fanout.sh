#!/usr/bin/env bash
# Delivery benchmark: the real bot announces to N people through a Bot Connector simulator that enforces Teams' limits
# and injects faults, on a private Azurite (Tables and Queues).
#
#   bench/fanout.sh [--recipients 11000] [--scenarios a,b,c,d] [--no-build] [-- extra FanoutBench run options]
#
#   a  N recipients, one instance            b  the same, kill -9 of the bot at ~50% delivered and a restart
#   c  two instances on one storage          d  p99 of a 'help' turn while a delivery runs vs idle
#   e  a digest edition scheduled for now to everyone (not in the default set): the bot resolves the audience and
#      starts one delivery; the bot's audience resolution and delivery recording times are under the table
#
# Each scenario gets a fresh Azurite; FanoutBench starts and stops the bot process(es) itself. Prints one table at the
# end; the JSON of each scenario and every process's log stay in artifacts/bench/fanout/ (or $BENCH_OUT/fanout).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RECIPIENTS=11000 SCENARIOS=a,b,c,d BUILD=1 EXTRA=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --recipients) RECIPIENTS="$2"; shift 2 ;;
    --scenarios) SCENARIOS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --) shift; EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

CONFIG=Release
BOT_DLL="$ROOT/bot/bin/$CONFIG/net10.0/LearningBot.dll"
BENCH_DLL="$ROOT/bench/FanoutBench/bin/$CONFIG/net10.0/FanoutBench.dll"
OUT="${BENCH_OUT:-$ROOT/artifacts/bench}/fanout"

log() { echo "[fanout] $*" >&2; }

# shellcheck source=bench/lib/azurite.sh
source "$ROOT/bench/lib/azurite.sh"

if [[ $BUILD == 1 ]]; then
  log "building (Release)"
  for project in bot/LearningBot.csproj bench/FanoutBench/FanoutBench.csproj; do
    dotnet build "$ROOT/$project" -c "$CONFIG" --nologo -v quiet -clp:ErrorsOnly >&2
  done
fi

mkdir -p "$OUT"
rm -f "$OUT"/scenario-*.json "$OUT"/bot-*.log "$OUT"/people-*.csv

log "checking the simulator on its own"
dotnet "$BENCH_DLL" selfcheck >"$OUT/selfcheck.log" || { cat "$OUT/selfcheck.log" >&2; exit 1; }

IFS=, read -r -a scenarios <<<"$SCENARIOS"
for scenario in "${scenarios[@]}"; do
  log "scenario $scenario: $RECIPIENTS recipients, fresh Azurite"
  start_private_azurite "$ROOT"
  dotnet "$BENCH_DLL" run --scenario "$scenario" --recipients "$RECIPIENTS" --bot-dll "$BOT_DLL" \
    --storage "$AZURITE_CONNECTION" --out "$OUT" "${EXTRA[@]}" || log "scenario $scenario failed: see $OUT/bot-$scenario-*.log"
  stop_private_azurite
  trap - EXIT
done

echo
echo "Delivery of one announcement (scenario e: one digest edition) to $RECIPIENTS people, $(nproc) cores (optimum: recipients / 50 per second)."
shopt -s nullglob
results=("$OUT"/scenario-*.json)
if [[ ${#results[@]} -gt 0 ]]; then
  dotnet "$BENCH_DLL" table "${results[@]}"
else
  log "no scenario produced a result"
fi
log "results as JSON, and the logs, in $OUT"
