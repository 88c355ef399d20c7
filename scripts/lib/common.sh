# Shared shell helpers for scripts/*.sh. Source it; do not run it.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

say()  { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[33mwarning:\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# npm ci when node_modules is missing or was installed from a different package-lock.json.
# The stamp holds the lock file's hash, so a pull that changes the lock triggers a clean install.
ensure_node_modules() {
  local stamp="$REPO_ROOT/node_modules/.learningbot-lock.sha256"
  local want; want="$(sha256sum "$REPO_ROOT/package-lock.json" | cut -d' ' -f1)"
  if [[ -d "$REPO_ROOT/node_modules" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    say "node_modules is up to date with package-lock.json"
    return 0
  fi
  say "npm ci (node_modules missing or stale)"
  (cd "$REPO_ROOT" && npm ci --no-audit --no-fund) || return 1
  printf '%s\n' "$want" > "$stamp"
}

# True when nothing is listening on 127.0.0.1:$1 (a real bind test, so 0.0.0.0 and [::] holders count too).
port_is_free() {
  node -e '
    const s = require("net").createServer();
    s.once("error", () => process.exit(1));
    s.listen(Number(process.argv[1]), "127.0.0.1", () => s.close(() => process.exit(0)));
  ' "$1"
}

require_free_port() {
  local port="$1" what="$2" var="$3"
  port_is_free "$port" || die "port $port (needed by $what) is already in use. Stop whatever holds it (ss -ltnp 'sport = :$port') or pick another port with $var=<port>."
}

# Poll a URL until it answers 2xx, the process $2 dies, or $3 seconds pass.
wait_for_http() {
  local url="$1" pid="$2" timeout="$3" what="$4" waited=0
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { warn "$what exited before it became ready"; return 1; }
    (( waited >= timeout )) && { warn "$what did not answer $url within ${timeout}s"; return 1; }
    sleep 1; waited=$((waited + 1))
  done
}

wait_for_port() {
  local port="$1" pid="$2" timeout="$3" what="$4" waited=0
  while port_is_free "$port"; do
    kill -0 "$pid" 2>/dev/null || { warn "$what exited before it opened port $port"; return 1; }
    (( waited >= timeout )) && { warn "$what did not open port $port within ${timeout}s"; return 1; }
    sleep 1; waited=$((waited + 1))
  done
}

# Connection string for Azurite's well-known development account: its table and queue services on the given ports.
azurite_connection_string() {
  local table_port="$1" queue_port="${2:-10001}"
  if [[ "$table_port" == 10002 && "$queue_port" == 10001 ]]; then echo "UseDevelopmentStorage=true"; return; fi
  # The development account key is public and identical in every Azurite install.
  echo "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:${table_port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${queue_port}/devstoreaccount1;"
}
