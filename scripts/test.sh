#!/usr/bin/env bash
# Everything CI runs: installs the test tools, builds and lints the Azure deployment (Bicep), builds
# with warnings as errors, runs the .NET tests and the Node tests (cards, manifest, end-to-end), and
# ends with one line: "N passed, N failed".
# Stages that do not depend on each other run side by side, to keep the run well inside CI's limit on a
# 2-core machine:   npm ci | bicep | dotnet build   then   dotnet test | node --test
# The .NET stages print as they run; each background stage writes artifacts/logs/<stage>.log, which is
# printed whole when the stage ends, so the outputs never interleave.
# Artefacts (TRX files, screenshots, the manifest package, the ARM template, logs) land in artifacts/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

ARTIFACTS="$REPO_ROOT/artifacts"
TEST_PROJECT="tests/LearningBot.Tests/LearningBot.Tests.csproj"
PASSED=0
FAILED=0
BROKEN=()   # stages that could not run or did not finish cleanly

LOGS="$ARTIFACTS/logs"
declare -A STAGE_PID=() STAGE_STARTED=() STAGE_STATUS=()
TIMINGS=()   # "<stage> <seconds> s", in the order the stages ended

# start_stage <name> <command...>: runs the command in the background, its output in $LOGS/<name>.log.
start_stage() {
  local name="$1"; shift
  STAGE_STARTED[$name]=$SECONDS
  # The subshell notes when the stage really ended: the script may only wait for it much later.
  ( "$@"; status=$?; echo "$SECONDS" > "$LOGS/$name.ended"; exit "$status" ) > "$LOGS/$name.log" 2>&1 &
  STAGE_PID[$name]=$!
}

# finish_stage <name>: waits for a background stage, prints its output and sets STAGE_STATUS[<name>].
finish_stage() {
  local name="$1" status
  wait "${STAGE_PID[$name]}"; status=$?
  unset 'STAGE_PID[$name]'
  STAGE_STATUS[$name]=$status
  local ended; ended="$(cat "$LOGS/$name.ended" 2>/dev/null || echo "$SECONDS")"
  TIMINGS+=("$name $((ended - STAGE_STARTED[$name])) s")
  say "$name (exit $status, $((ended - STAGE_STARTED[$name])) s):"
  cat "$LOGS/$name.log"
}

timed() { TIMINGS+=("$1 $((SECONDS - $2)) s"); }   # timed <stage> <start>

# Stops background stages still running (a stage the rest cannot do without has failed).
stop_stages() {
  local name
  for name in "${!STAGE_PID[@]}"; do
    kill "${STAGE_PID[$name]}" 2>/dev/null
    wait "${STAGE_PID[$name]}" 2>/dev/null
  done
}

summary() {
  stop_stages
  ((${#TIMINGS[@]})) && say "stage times: $(IFS=,; echo "${TIMINGS[*]}" | sed 's/,/, /g'); total $SECONDS s"
  ((${#BROKEN[@]})) && warn "stages with problems: ${BROKEN[*]}"
  echo "$PASSED passed, $FAILED failed"
  if ((FAILED > 0 || ${#BROKEN[@]} > 0)); then exit 1; fi
  exit 0
}

add_counts() {   # add_counts "<passed> <failed>"
  local p f; read -r p f <<< "$1"
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
}

as_root() { if ((EUID == 0)); then "$@"; else sudo "$@"; fi; }

# Chromium for Playwright, and a colour emoji font so screenshots show emoji as people see them, not as empty boxes.
install_chromium() {
  [[ -x /usr/bin/chromium ]] && dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 && { say "chromium and the emoji font are installed"; return 0; }
  say "installing Debian chromium (for Playwright) and fonts-noto-color-emoji"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-color-emoji
}

# --- tools, Bicep and the build, side by side ---------------------------------------------------
# npm ci is mostly download and unpacking, the Bicep checks are short, and the build is compilation:
# together they take little more than the build alone.
rm -rf "$ARTIFACTS/test-results" "$ARTIFACTS/node-tests.tap" "$ARTIFACTS/privacy" "$LOGS"
mkdir -p "$ARTIFACTS/test-results" "$LOGS"
install_chromium || { BROKEN+=("chromium install"); summary; }
start_stage npm-ci ensure_node_modules
say "scripts/bicep.sh (infra/main.bicep), in the background"
start_stage bicep bash scripts/bicep.sh

# The tests need the bot and the test project. The benches are not part of the test run: each bench script builds its
# own project in Release (warnings are errors there too, Directory.Build.props).
say "dotnet build tests/LearningBot.Tests (and the bot) -c Release -warnaserror"
build_started=$SECONDS
dotnet build "$TEST_PROJECT" -c Release -warnaserror -nologo; build_status=$?
timed "dotnet build" "$build_started"

finish_stage npm-ci
((STAGE_STATUS[npm-ci] == 0)) || { BROKEN+=(npm-ci); summary; }
((build_status == 0)) || { BROKEN+=("build"); summary; }

# --- infrastructure: Bicep build, lint and parameters file (scripts/bicep.sh) -----------------
finish_stage bicep
bicep_status=${STAGE_STATUS[bicep]}
if ((bicep_status != 2)) && counts="$(node scripts/lib/count-results.mjs tap "$ARTIFACTS/bicep/bicep.tap")"; then
  add_counts "$counts"
  read -r p f <<< "$counts"; say "bicep: $p passed, $f failed"
  ((bicep_status != 0 && f == 0)) && BROKEN+=("bicep (exit $bicep_status)")
else
  BROKEN+=("bicep (could not run)")
fi

# --- Node tests in the background, .NET tests in the foreground ----------------------------------
# The end-to-end tests spend most of their time waiting on the Playground, the bot and Chromium, so
# they share the machine with dotnet test well. Their output is printed once dotnet test is done.
mapfile -t node_tests < <(find tests -name '*.test.mjs' -not -path '*/node_modules/*' | sort)
if ((${#node_tests[@]} == 0)); then
  warn "no Node tests found under tests/"
else
  say "node --test (${#node_tests[@]} files), in the background: artifacts/logs/node.log"
  start_stage node node --test --test-concurrency="${NODE_TEST_CONCURRENCY:-1}" \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$ARTIFACTS/node-tests.tap" \
    "${node_tests[@]}"
fi

# The fault tests time the bot's turns against its stated limits and mostly wait (on silent storage, on timeouts): they
# run in the background, beside the Node tests and the rest of the .NET suite (four classes at a time, mostly CPU), and
# keep to their limits there (they did so with the machine's load average above 50). Run one after the other, the
# two took a minute and a half longer.
dotnet_status=0
dotnet_test() {   # dotnet_test <results name> <filter>
  dotnet test "$TEST_PROJECT" -c Release --no-build --nologo --filter "$2" \
    --results-directory "$ARTIFACTS/test-results" \
    --logger "trx;LogFileName=$1.trx" --logger "console;verbosity=normal"
}
say "dotnet test (fault injection), in the background: artifacts/logs/dotnet-faults.log"
start_stage dotnet-faults dotnet_test faults "FullyQualifiedName~LearningBot.Tests.Faults."
say "dotnet test (unit + integration)"
started=$SECONDS
dotnet_test unit-integration "FullyQualifiedName!~LearningBot.Tests.Faults." || dotnet_status=$?
timed "dotnet test (unit + integration)" "$started"
finish_stage dotnet-faults
((STAGE_STATUS[dotnet-faults] == 0)) || dotnet_status=${STAGE_STATUS[dotnet-faults]}
if counts="$(node scripts/lib/count-results.mjs trx "$ARTIFACTS/test-results")"; then
  add_counts "$counts"
  read -r p f <<< "$counts"; say "dotnet: $p passed, $f failed"
  ((dotnet_status != 0 && f == 0)) && BROKEN+=("dotnet test (exit $dotnet_status)")
else
  BROKEN+=("dotnet test (no results)")
fi
if [[ -f "$ARTIFACTS/privacy/scrubber-figures.txt" ]]; then
  say "personal-data scrubber: recall and false positives on tests/LearningBot.Tests/Privacy/scrubber-corpus.json"
  cat "$ARTIFACTS/privacy/scrubber-figures.txt"
fi

if [[ -n "${STAGE_PID[node]:-}" ]]; then
  say "waiting for node --test"
  finish_stage node
  node_status=${STAGE_STATUS[node]}
  if counts="$(node scripts/lib/count-results.mjs tap "$ARTIFACTS/node-tests.tap")"; then
    add_counts "$counts"
    read -r p f <<< "$counts"; say "node: $p passed, $f failed"
    ((node_status != 0 && f == 0)) && BROKEN+=("node --test (exit $node_status)")
  else
    BROKEN+=("node --test (no results)")
  fi
fi

summary
