#!/usr/bin/env bash
# Checks the Azure deployment offline with the Bicep CLI, which it restores from NuGet
# (infra/tools/BicepCli.csproj, version in Directory.Packages.props):
#   1. bicep build infra/main.bicep  -> artifacts/bicep/main.json (the ARM template)
#   2. bicep lint infra/main.bicep   (rules and levels in infra/bicepconfig.json)
#   3. infra/main.parameters.json against the built template (names, types, allowed values)
# Any warning or error fails its check. Results go to artifacts/bicep/bicep.tap for scripts/test.sh.
# Exit status: 0 all passed, 1 a check failed, 2 the Bicep CLI could not be restored or run.
#
#   scripts/bicep.sh            # all three checks
#   BICEP=/path/to/bicep scripts/bicep.sh   # use another Bicep CLI instead of restoring one
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "$REPO_ROOT"

OUT="$REPO_ROOT/artifacts/bicep"
TOOLS_PROJECT="infra/tools/BicepCli.csproj"
TEMPLATE="infra/main.bicep"
PARAMETERS="infra/main.parameters.json"
mkdir -p "$OUT"
rm -f "$OUT"/*.log "$OUT/bicep.tap" "$OUT/main.json"

# Restores the CLI and prints its path. A stamp in obj/ (git-ignored) remembers the path for the
# current project and version pin, so later runs skip the restore (about 5 s) entirely.
restore_bicep() {
  local stamp="$REPO_ROOT/infra/tools/obj/bicep-cli.path"
  local want; want="$(cat "$TOOLS_PROJECT" Directory.Packages.props Directory.Build.props | sha256sum | cut -d' ' -f1)"
  if [[ -f "$stamp" ]]; then
    local hash path; read -r hash path < "$stamp"
    if [[ "$hash" == "$want" && -x "$path" ]]; then echo "$path"; return 0; fi
  fi
  dotnet restore "$TOOLS_PROJECT" -nologo -v quiet >&2 || return 1
  local package
  package="$(dotnet msbuild "$TOOLS_PROJECT" -nologo -getProperty:PkgAzure_Bicep_CommandLine_linux-x64)" || return 1
  local path="$package/tools/bicep"
  [[ -f "$path" ]] || { warn "no Bicep CLI at $path after restore"; return 1; }
  chmod +x "$path" || return 1
  printf '%s %s\n' "$want" "$path" > "$stamp"
  echo "$path"
}

if [[ -z "${BICEP:-}" ]]; then
  BICEP="$(restore_bicep)" || { warn "could not restore the Bicep CLI ($TOOLS_PROJECT)"; exit 2; }
fi
[[ -x "$BICEP" ]] || { warn "no runnable Bicep CLI at $BICEP"; exit 2; }
say "Bicep CLI: $BICEP"

passed=0
failed=0
last_status=0
tap=("TAP version 13")
record() {   # record <number> <name> <ok|not ok> <log file>
  tap+=("$3 $1 - $2")
  if [[ "$3" == ok ]]; then
    passed=$((passed + 1)); say "bicep $2: ok"
  else
    failed=$((failed + 1)); warn "bicep $2 failed:"; sed 's/^/    /' "$4" >&2
  fi
}

# Diagnostics look like "<file>(<line>,<col>) : Warning <code>: <message>". Any warning or error
# fails, whatever the exit status says (the CLI exits 0 on warnings).
has_diagnostics() { grep -qE '\) : (Warning|Error) ' "$1"; }

run_check() {   # run_check <number> <name> <command...>
  local number="$1" name="$2"; shift 2
  local log="$OUT/$name.log" status
  "$@" > "$log" 2>&1; status=$?
  last_status=$status
  if ((status == 0)) && ! has_diagnostics "$log"; then
    record "$number" "$name" ok "$log"
  else
    ((status != 0)) && echo "(exit status $status)" >> "$log"
    record "$number" "$name" "not ok" "$log"
  fi
}

# --no-restore: this template uses no registry modules, and without it the CLI also tries to fetch
# the public module index from the internet on every run.
run_check 1 build "$BICEP" build --no-restore "$TEMPLATE" --outfile "$OUT/main.json"
# 126 and above: not executable, not found, or killed by a signal. The CLI itself is broken.
((last_status >= 126)) && { warn "the Bicep CLI at $BICEP does not run (exit status $last_status)"; cat "$OUT/build.log" >&2; exit 2; }
run_check 2 lint "$BICEP" lint --no-restore "$TEMPLATE"
if [[ -f "$OUT/main.json" ]]; then
  run_check 3 parameters node scripts/lib/bicep-params.mjs "$OUT/main.json" "$PARAMETERS"
else
  echo "no template to check against: the build failed" > "$OUT/parameters.log"
  record 3 parameters "not ok" "$OUT/parameters.log"
fi

tap+=("1..3" "# pass $passed" "# fail $failed")
printf '%s\n' "${tap[@]}" > "$OUT/bicep.tap"
say "bicep: $passed passed, $failed failed"
((failed == 0))
