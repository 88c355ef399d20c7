#!/usr/bin/env bash
# Everything CI runs: installs the test tools, builds and lints the Azure deployment (Bicep), builds
# with warnings as errors, runs the .NET tests and the Node tests (cards, manifest, end-to-end), and
# ends with one line: "N passed, N failed".
# Artefacts (TRX files, screenshots, the manifest package, the ARM template) land in artifacts/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

ARTIFACTS="$REPO_ROOT/artifacts"
PASSED=0
FAILED=0
BROKEN=()   # stages that could not run or did not finish cleanly

summary() {
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

install_chromium() {
  [[ -x /usr/bin/chromium ]] && { say "chromium is installed"; return 0; }
  say "installing Debian chromium (for Playwright)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
}

# --- tools ---------------------------------------------------------------------------------
ensure_node_modules || { BROKEN+=("npm ci"); summary; }
install_chromium || { BROKEN+=("chromium install"); summary; }
rm -rf "$ARTIFACTS/test-results" "$ARTIFACTS/node-tests.tap" "$ARTIFACTS/privacy"
mkdir -p "$ARTIFACTS/test-results"

# --- infrastructure: Bicep build, lint and parameters file (scripts/bicep.sh) -----------------
say "scripts/bicep.sh (infra/main.bicep)"
bicep_started=$SECONDS
bash scripts/bicep.sh
bicep_status=$?
if ((bicep_status != 2)) && counts="$(node scripts/lib/count-results.mjs tap "$ARTIFACTS/bicep/bicep.tap")"; then
  add_counts "$counts"
  read -r p f <<< "$counts"; say "bicep: $p passed, $f failed in $((SECONDS - bicep_started)) s"
  ((bicep_status != 0 && f == 0)) && BROKEN+=("bicep (exit $bicep_status)")
else
  BROKEN+=("bicep (could not run)")
fi

# --- build ---------------------------------------------------------------------------------
say "dotnet build LearningBot.sln -c Release -warnaserror"
dotnet build LearningBot.sln -c Release -warnaserror -nologo || { BROKEN+=("build"); summary; }

# --- .NET tests ----------------------------------------------------------------------------
say "dotnet test (unit + integration)"
dotnet test LearningBot.sln -c Release --no-build --nologo \
  --results-directory "$ARTIFACTS/test-results" \
  --logger "trx" --logger "console;verbosity=normal"
dotnet_status=$?
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

# --- Node tests ----------------------------------------------------------------------------
mapfile -t node_tests < <(find tests -name '*.test.mjs' -not -path '*/node_modules/*' | sort)
if ((${#node_tests[@]} == 0)); then
  warn "no Node tests found under tests/"
else
  say "node --test (${#node_tests[@]} files)"
  node --test \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$ARTIFACTS/node-tests.tap" \
    "${node_tests[@]}"
  node_status=$?
  if counts="$(node scripts/lib/count-results.mjs tap "$ARTIFACTS/node-tests.tap")"; then
    add_counts "$counts"
    read -r p f <<< "$counts"; say "node: $p passed, $f failed"
    ((node_status != 0 && f == 0)) && BROKEN+=("node --test (exit $node_status)")
  else
    BROKEN+=("node --test (no results)")
  fi
fi

summary
