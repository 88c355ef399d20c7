#!/usr/bin/env bash
# Runs LearningBot on this machine: Azurite (Tables), the bot, and the Microsoft 365 Agents
# Playground, which plays the part of Microsoft Teams. Ctrl-C stops all three.
#
# Environment (all optional):
#   BOT_PORT=3978              port the bot listens on
#   PLAYGROUND_PORT=56150      port of the Playground UI and its mock Bot Connector
#   AZURITE_TABLE_PORT=10002   port of the Azurite table service
#   AZURITE_QUEUE_PORT=10001   port of the Azurite queue service (deliveries)
#   CONFIGURATION=Debug        dotnet build configuration
#   M365_AGENTS_PLAYGROUND_CONFIG_PATH=path/to/file.yml   mock users, group chat and team
#       (default scripts/playground/community.yml: you are Priya Shah, a manager and L&D Support
#       Team member, so every capability can be tried; set it to "" for the Playground's own users)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

BOT_PORT="${BOT_PORT:-3978}"
PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"
AZURITE_TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
AZURITE_QUEUE_PORT="${AZURITE_QUEUE_PORT:-10001}"
CONFIGURATION="${CONFIGURATION:-Debug}"
export M365_AGENTS_PLAYGROUND_CONFIG_PATH="${M365_AGENTS_PLAYGROUND_CONFIG_PATH-$REPO_ROOT/scripts/playground/community.yml}"
[[ -n "$M365_AGENTS_PLAYGROUND_CONFIG_PATH" ]] || unset M365_AGENTS_PLAYGROUND_CONFIG_PATH
# The local user (Priya Shah in community.yml) may act for the L&D Support Team.
LOCAL_SUPPORT_TEAM_MEMBER="${LOCAL_SUPPORT_TEAM_MEMBER:-0f6a2b9c-3d4e-4a51-8b7c-9e1d2f3a4b50}"
DATA_DIR="$REPO_ROOT/.data"
LOG_DIR="$DATA_DIR/logs"

PIDS=()
NAMES=()

# Each service runs in its own process group (setsid), so stopping a group also stops anything
# the service spawned. Ask politely first, then insist.
stop_all() {
  local i pid
  trap - INT TERM EXIT
  ((${#PIDS[@]})) || return 0
  say "stopping ${NAMES[*]}"
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM -- "-${PIDS[i]}" 2>/dev/null || true
  done
  for _ in $(seq 1 50); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.2
  done
  for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  PIDS=()
}
on_signal() { echo; stop_all; exit 130; }
trap on_signal INT TERM
trap stop_all EXIT

# start NAME LOGFILE CMD... — runs CMD as a new process group; LOGFILE "-" keeps output on the terminal.
start() {
  local name="$1" log="$2"; shift 2
  if [[ "$log" == "-" ]]; then setsid "$@" < /dev/null &
  else setsid "$@" < /dev/null > "$log" 2>&1 &
  fi
  PIDS+=("$!"); NAMES+=("$name")
}

command -v dotnet > /dev/null || die "the .NET 10 SDK is not installed (dotnet not on PATH)"
command -v node > /dev/null || die "Node.js 20 is not installed (node not on PATH)"

require_free_port "$AZURITE_TABLE_PORT" "Azurite" AZURITE_TABLE_PORT
require_free_port "$AZURITE_QUEUE_PORT" "Azurite" AZURITE_QUEUE_PORT
require_free_port "$BOT_PORT" "the bot" BOT_PORT
require_free_port "$PLAYGROUND_PORT" "the Agents Playground" PLAYGROUND_PORT

ensure_node_modules || die "npm ci failed"

say "building the bot ($CONFIGURATION)"
dotnet build bot/LearningBot.csproj -c "$CONFIGURATION" -nologo -v quiet || die "the bot did not build"
BOT_DIR="$REPO_ROOT/bot/bin/$CONFIGURATION/net10.0"
[[ -f "$BOT_DIR/LearningBot.dll" ]] || die "build output $BOT_DIR/LearningBot.dll not found"

mkdir -p "$DATA_DIR/azurite" "$LOG_DIR"

say "starting Azurite Tables on 127.0.0.1:$AZURITE_TABLE_PORT and Queues on :$AZURITE_QUEUE_PORT (data in .data/azurite, log .data/logs/azurite.log)"
# Queues 12.28 speaks a newer storage API version than Azurite knows; --skipApiVersionCheck lets it through.
start azurite "$LOG_DIR/azurite.log" \
  "$REPO_ROOT/node_modules/.bin/azurite" --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" \
  --queueHost 127.0.0.1 --queuePort "$AZURITE_QUEUE_PORT" --blobHost 127.0.0.1 --blobPort 0 \
  --location "$DATA_DIR/azurite" --silent --skipApiVersionCheck --disableTelemetry
wait_for_port "$AZURITE_TABLE_PORT" "${PIDS[-1]}" 30 Azurite || die "Azurite did not start; see .data/logs/azurite.log"
wait_for_port "$AZURITE_QUEUE_PORT" "${PIDS[-1]}" 30 Azurite || die "Azurite Queues did not start; see .data/logs/azurite.log"

BOT_URL="http://127.0.0.1:$BOT_PORT"
say "starting the bot on $BOT_URL (its log follows)"
# The bot serves its own folder (appsettings.json, cards/), as it does when deployed.
start bot - env -C "$BOT_DIR" \
  ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development ASPNETCORE_URLS="$BOT_URL" \
  Storage__ConnectionString="$(azurite_connection_string "$AZURITE_TABLE_PORT" "$AZURITE_QUEUE_PORT")" \
  Roles__SupportTeam__0="$LOCAL_SUPPORT_TEAM_MEMBER" \
  dotnet LearningBot.dll
wait_for_http "$BOT_URL/healthz" "${PIDS[-1]}" 90 "the bot" || die "the bot is not healthy at $BOT_URL/healthz"

PLAYGROUND_URL="http://127.0.0.1:$PLAYGROUND_PORT"
say "starting the Agents Playground on $PLAYGROUND_URL (logs .data/logs/playground*.log)"
# Its own log (why it failed, if it did) goes to .data/logs/ rather than ./devTools/.
export M365_AGENTS_PLAYGROUND_LOGFILE="$LOG_DIR/playground-internal.log"
: > "$M365_AGENTS_PLAYGROUND_LOGFILE"
TEAMSAPPTESTER_BROWSER=none start playground "$LOG_DIR/playground.log" \
  "$REPO_ROOT/node_modules/.bin/agentsplayground" -e "$BOT_URL/api/messages" -c msteams \
  -p "$PLAYGROUND_PORT" --disable-telemetry
if ! wait_for_http "$PLAYGROUND_URL/_debug/ping" "${PIDS[-1]}" 60 "the Playground"; then
  tail -n 5 "$M365_AGENTS_PLAYGROUND_LOGFILE" >&2
  die "the Playground did not start (a bad M365_AGENTS_PLAYGROUND_CONFIG_PATH file is the usual cause)"
fi
# The Playground silently moves to a random port when its own is taken; make sure it did not.
grep -q "Listening on $PLAYGROUND_PORT\$" "$LOG_DIR/playground.log" \
  || die "the Playground is not listening on $PLAYGROUND_PORT: $(grep -m1 'Listening on' "$LOG_DIR/playground.log" || true)"

cat <<MSG

  LearningBot is running.
    Open  $PLAYGROUND_URL  in a browser to chat with the bot (Personal chat, Group chat, Team channel).
    Bot   $BOT_URL/api/messages   (health: $BOT_URL/healthz)
    Azurite Tables  http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1
    Azurite Queues  http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1
  Press Ctrl-C to stop everything.

MSG

# Stay up until a signal arrives or one of the services stops on its own.
set +e
wait -n "${PIDS[@]}"
status=$?
for i in "${!PIDS[@]}"; do
  kill -0 "${PIDS[i]}" 2>/dev/null || warn "${NAMES[i]} stopped (exit status $status); shutting down the rest"
done
exit "$status"
