#!/usr/bin/env bash
# Runs every Roster test: the .NET tests (the console's in a real Chromium among them) on SQLite and on a throwaway
# PostgreSQL cluster, then the compatibility tests that drive the official Cloudinary Node clients against a real `roster serve`.
# Installs what it needs when missing. Ends with one line "N passed, N failed"; exits non-zero on any failure.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
work="$(mktemp -d /tmp/roster-test.XXXXXX)"
chmod 755 "$work"
passed=0
failed=0
pg_dir=""
pg_bin=""

log() { printf '\n== %s\n' "$*"; }

cleanup() {
  if [ -n "$pg_dir" ] && [ -f "$pg_dir/postmaster.pid" ]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

as_postgres() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

install_prerequisites() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # The mail tests' SMTP server (tests/Roster.Tests/Outbox/smtp_sink.py) runs on Debian's Python and its aiosmtpd.
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]}"
    if [ "$(id -u)" = "0" ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
  fi
  if [ ! -d tests/compat/node_modules ] || [ tests/compat/package-lock.json -nt tests/compat/node_modules/.package-lock.json ]; then
    log "Installing the Node test clients (npm ci)"
    (cd tests/compat && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
  if [ ! -d tests/oidc/node_modules ] || [ tests/oidc/package-lock.json -nt tests/oidc/node_modules/.package-lock.json ]; then
    log "Installing the OpenID Connect provider for the external sign-in tests (npm ci)"
    (cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
  if [ ! -d tests/browser/node_modules ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
    log "Installing the accessibility checker for the browser tests (npm ci)"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
  local reference=tests/Roster.Authorization.Tests/reference
  if [ ! -d "$reference/node_modules" ] || [ "$reference/package-lock.json" -nt "$reference/node_modules/.package-lock.json" ]; then
    log "Installing the reference Cedar engine for the differential tests (npm ci)"
    (cd "$reference" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
}

start_postgres() {
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  pg_dir="$work/pg"
  mkdir -p "$pg_dir"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$pg_dir"
  pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  as_postgres "$pg_bin/initdb" -D "$pg_dir" --auth=trust -U postgres >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; return 1; }
  as_postgres "$pg_bin/pg_ctl" -D "$pg_dir" -l "$pg_dir/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=300 -c fsync=off" -w start >/dev/null || return 1
  export ROSTER_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Maximum Pool Size=60"
}

# Adds the counts of one dotnet test run (its summary line) to the totals.
count_dotnet() {
  local out="$1" p f
  p=$(grep -Eo 'Passed: *[0-9]+' "$out" | awk -F: '{s+=$2} END {print s+0}')
  f=$(grep -Eo 'Failed: *[0-9]+' "$out" | awk -F: '{s+=$2} END {print s+0}')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  if ! grep -qE 'Passed: *[0-9]+' "$out"; then failed=$((failed + 1)); echo "(the run above reported no results: counted as a failure)"; fi
}

# The fuzz test's figures; its whole report, with every failing case, stays as fuzz-report-<database>.txt.
fuzz_summary() {
  local report=tests/Roster.Tests/bin/Release/net10.0/fuzz-report.txt
  [ -f "$report" ] && sed -n '1,2p;4p' "$report" && mv "$report" "${report%.txt}-$1.txt"
}

install_prerequisites || { echo "0 passed, 1 failed"; exit 1; }

log "Building"
if ! dotnet build Roster.slnx -c Release --nologo -v quiet; then
  echo "0 passed, 1 failed"; exit 1
fi

log ".NET tests: the Cedar engine, then Roster on SQLite"
env -u ROSTER_TEST_POSTGRES dotnet test Roster.slnx -c Release --no-build --nologo 2>&1 | tee "$work/sqlite.out"
count_dotnet "$work/sqlite.out"
fuzz_summary sqlite

log ".NET tests on PostgreSQL (the engine's and the cedar commands' tests need no database and ran above)"
if start_postgres; then
  dotnet test tests/Roster.Tests -c Release --no-build --nologo --filter "Database!=none" 2>&1 | tee "$work/postgres.out"
  count_dotnet "$work/postgres.out"
  fuzz_summary postgresql
else
  echo "PostgreSQL could not be started"; failed=$((failed + 1))
fi

# Runs the Node client tests once; $1 names the database for the log, ROSTER_DATABASE (if set) selects it.
run_compat() {
  log "Client compatibility tests on $1 (npm cloudinary and @cloudinary/account-provisioning)"
  local out="$work/compat-$1.out" p f
  (cd tests/compat && ROSTER_BIN="$here/roster" node --test --test-concurrency=1 --test-reporter=spec ./*.test.mjs) 2>&1 | tee "$out"
  p=$(grep -Eo '^ℹ pass [0-9]+' "$out" | grep -Eo '[0-9]+' | tail -n 1)
  f=$(grep -Eo '^ℹ fail [0-9]+' "$out" | grep -Eo '[0-9]+' | tail -n 1)
  if [ -z "$p" ]; then f=$(( ${f:-0} + 1 )); echo "(the run above reported no results: counted as a failure)"; fi
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
}

unset ROSTER_DATABASE
run_compat sqlite
if [ -n "${ROSTER_TEST_POSTGRES:-}" ]; then
  export ROSTER_DATABASE="$ROSTER_TEST_POSTGRES;Database=roster_compat"
  run_compat postgresql
  unset ROSTER_DATABASE
fi

# The failed tests by name, last, where a reader of the run's tail sees them.
if [ "$failed" -gt 0 ]; then
  echo
  echo "Failed tests:"
  grep -hE '^ *Failed [A-Za-z_]' "$work"/sqlite.out "$work"/postgres.out 2>/dev/null | sed -E 's/^ */  .NET: /'
  grep -hE '^ *✖ ' "$work"/compat-*.out 2>/dev/null | sed -E 's/^ *✖ /  node: /' | sort -u
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
