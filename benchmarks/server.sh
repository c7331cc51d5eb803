# Sourced by the wrk benchmarks (load.sh, authorize.sh): logging, wrk, a temporary workspace, an account
# created with the accounts command, and `./roster serve` on a free loopback port, stopped on exit.
# The caller sets `repo` (the checkout) before sourcing; everything here listens on 127.0.0.1.

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# wrk from Debian when missing (as root), then every tool the runs use.
require_tools() {
  if ! command -v wrk >/dev/null; then
    log "installing wrk"
    if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    else sudo apt-get install -y wrk >/dev/null; fi
  fi
  for tool in wrk node curl dotnet "$@"; do command -v "$tool" >/dev/null || die "$tool is required"; done
}

# A temporary directory in $work, and $base on a free port (BENCH_PORT to choose it); the server and the
# directory go on exit, also on Ctrl-C or failure.
make_workspace() { # name
  work="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
  server_pid=""
  trap stop_and_clean EXIT
  trap 'exit 130' INT TERM
  port="${BENCH_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
  base="http://127.0.0.1:$port"
}

stop_and_clean() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}

# An Enterprise account in $database: sets $account, $key, $secret and $auth (the Basic credentials).
create_account() { # name root-email seats
  local created
  created="$("$repo/roster" accounts create --name "$1" --root-email "$2" --plan enterprise --seats "$3" --database "$database")"
  read -r account key secret < <(node -e 'const o=JSON.parse(process.argv[1]);
    console.log(o.account_id, o.provisioning_api_key, o.provisioning_api_secret)' "$created")
  [ -n "$secret" ] || die "accounts create answered: $created"
  auth="$(printf '%s:%s' "$key" "$secret" | base64 -w0)"
}

# `./roster serve` on $base and $database, its log in $work/server.log; returns once /ping answers. The
# per-key rate limit is lifted so that it never throttles the load.
start_server() { # label for the log line
  log "starting the server on $base ($1)"
  (cd "$work" && Roster__RateLimit__Limit=1000000000 exec "$repo/roster" serve --urls "$base" --database "$database") \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 120); do
    curl -fsS "$base/ping" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server exited"; }
    sleep 0.5
  done
  curl -fsS "$base/ping" >/dev/null || die "the server did not answer /ping"
}

server_error_count() { grep -c '"LogLevel":"Error"' "$work/server.log" || true; }

# The server's error log lines grouped by message, when there are any.
report_server_errors() {
  if [ "$(server_error_count)" != 0 ]; then
    echo
    echo "Server error log lines, by message:"
    grep '"LogLevel":"Error"' "$work/server.log" | grep -o '"Exception":"[^"\\]*' | cut -c14-140 | sort | uniq -c | sort -rn | head -n 5
  fi
}

cpu_model() { sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1; }
