#!/usr/bin/env bash
# Sign-in run: console sign-ins per second (POST /console/sign-in with a right e-mail and password, as a browser posts
# the form) and the cost of a signed-in page (GET /console with a session cookie), each measured beside GET /ping —
# the same wrk client against a trivial endpoint of the same server in the same run — so that the figure to compare
# is the ratio scenario/ping, which holds on a noisy machine much better than a raw req/s.
#
#   benchmarks/sign-in.sh
#
# Users are created through the Provisioning API and accept their invitations from the e-mails the server writes as
# .eml files (no mail server is set), choosing random passwords, as a person does in the console (sign-in-seed.mjs).
# The failed-sign-in limits (per client address and per user) are raised for this server only, since every request
# comes from 127.0.0.1; a sign-in that succeeds counts towards neither, so they are a safety net, not a change to
# what is measured.
#
# Settings (environment):
#   BENCH_SIGNIN_USERS=50     users signing in, in turn (no one user row is a hotspot)
#   BENCH_PAIRS=3             scenario/ping pairs per scenario (A B A B …)
#   BENCH_DURATION=8          seconds per wrk run
#   BENCH_THREADS=2           wrk threads
#   BENCH_CONNECTIONS=16      wrk connections
#   BENCH_SEED_CONCURRENCY=8  connections used while seeding
#   BENCH_SCENARIOS="sign_in console"
#   BENCH_PORT                port to listen on (default: a free one)
#
# Everything listens on 127.0.0.1; the server and its temporary directory are removed on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

users="${BENCH_SIGNIN_USERS:-50}"
pairs="${BENCH_PAIRS:-3}"
duration="${BENCH_DURATION:-8}"
threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-16}"
seed_concurrency="${BENCH_SEED_CONCURRENCY:-8}"
scenarios="${BENCH_SCENARIOS:-sign_in console}"
[ "$users" -ge 1 ] && [ "$users" -le 999 ] || { echo "BENCH_SIGNIN_USERS must be between 1 and 999" >&2; exit 2; }

# shellcheck source=server.sh
. "$here/server.sh"

run_started=$(date +%s)

# --- tools ------------------------------------------------------------------------------------------
require_tools

# --- workspace, cleanup -----------------------------------------------------------------------------
make_workspace roster-sign-in-bench
database="$work/roster.db"

# --- build, account, server -------------------------------------------------------------------------
log "building (Release)"
"$repo/roster" --help >/dev/null

tag="s$(date +%s)$RANDOM"
log "creating the account"
create_account "Sign-in bench" "root.$tag@bench.example" $((users + 10))

# For this server only: the failed-sign-in limits out of reach (every request comes from one address, 127.0.0.1),
# and the invitation e-mails written as .eml files to a folder of the workspace.
export Roster__SignIn__FailuresPerAddress=1000000000 Roster__SignIn__FailuresBeforeLock=1000000000
export Roster__Mail__Directory="$work/mail"
start_server SQLite

# --- seeding: users, passwords from their invitations, a form and a session per user ---------------
log "creating $users users and accepting their invitations ($seed_concurrency connections)"
node "$here/sign-in-seed.mjs" "$base" "$account" "$key:$secret" "$users" "$work/mail" "$work" "$tag" "$seed_concurrency"

# --- measurements -----------------------------------------------------------------------------------
export BENCH_THREADS="$threads"
bench() { # scenario seconds → RESULT line
  local requests=""
  case "$1" in
    sign_in) requests="$work/sign-in-requests.txt" ;;
    console) requests="$work/console-requests.txt" ;;
  esac
  # A sign-in takes tens of milliseconds of CPU: wrk's 10 s timeout (not its default 2 s) keeps a slow answer
  # under load from being counted as a socket error.
  BENCH_SCENARIO="$1" BENCH_REQUESTS="$requests" wrk -t"$threads" -c"$connections" -d"$2s" --timeout 10s --latency \
    -s "$here/sign-in-wrk.lua" "$base" >"$work/wrk.out" 2>&1 || { cat "$work/wrk.out" >&2; die "wrk failed"; }
  grep -a '^RESULT_SAMPLE' "$work/wrk.out" | sed 's/^/  unexpected answer sample: /' >&2 || true
  local result
  result="$(grep -a '^RESULT ' "$work/wrk.out")" || { cat "$work/wrk.out" >&2; die "no RESULT from wrk"; }
  [ "$(field requests "$result")" != 0 ] || die "no $1 request completed in $2 s (BENCH_DURATION is too short for it)"
  echo "$result"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

log "warming up (3 s per endpoint, not recorded)"
for s in ping $scenarios; do bench "$s" 3 >/dev/null; done

results="$work/results.tsv"
: >"$results"
load_measure="$(cut -d' ' -f1 /proc/loadavg)"
total_bad=0
for s in $scenarios; do
  for p in $(seq "$pairs"); do
    # A pause before each run lets the server finish what the previous run left in flight.
    sleep 2; a="$(bench "$s" "$duration")"
    sleep 2; b="$(bench ping "$duration")"
    bad=$(( $(field bad "$a") + $(field socket_errors "$a") + $(field bad "$b") + $(field socket_errors "$b") ))
    total_bad=$((total_bad + bad))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$p" "$(field rps "$a")" "$(field p50_ms "$a")" "$(field p99_ms "$a")" \
      "$(field rps "$b")" "$(field p50_ms "$b")" "$(field p99_ms "$b")" "$bad" "$(field mean_ms "$a")" >>"$results"
    log "$s pair $p: $(field rps "$a") req/s p50 $(field p50_ms "$a") ms; ping $(field rps "$b") req/s p50 $(field p50_ms "$b") ms; errors $bad"
  done
done

# --- report -----------------------------------------------------------------------------------------
cpu="$(cpu_model)"
server_errors="$(server_error_count)"
node - "$results" "$work/seed.json" "$(( $(date +%s) - run_started ))" "$(nproc)" "$cpu" \
  "when measuring began $load_measure, at the end $(cut -d' ' -f1 /proc/loadavg)" \
  "$threads" "$connections" "$duration" "$total_bad" "$server_errors" "$scenarios" <<'EOF'
const [results, seedFile, elapsed, cpus, cpu, load, threads, connections, duration, bad, serverErrors, scenarios] = process.argv.slice(2);
const fs = require('fs');
const seed = JSON.parse(fs.readFileSync(seedFile, 'utf8'));
const rows = fs.readFileSync(results, 'utf8').trim().split('\n').map((l) => l.split('\t'))
  .map(([s, ...rest]) => [s, ...rest.map(Number)]);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const r = (x, d = 2) => x.toFixed(d);
const label = { sign_in: 'POST /console/sign-in', console: 'GET /console (signed in)' };
const t = seed.seconds;
console.log(`
Roster sign-in run, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; SQLite; ${cpus} CPUs (${cpu}); 1-minute load average ${load}; wrk -t${threads} -c${connections}, ${duration} s per run
users: ${seed.users}, created in ${t.users} s, invitations accepted in ${t.passwords} s, one sign-in and one /console each in ${t.signIns} s; whole run ${elapsed} s; unexpected answers or socket errors: ${bad}; server error log lines: ${serverErrors}

| Scenario | Pair | Scenario req/s | Scenario p50 ms | Scenario p99 ms | /ping req/s | /ping p50 ms | /ping p99 ms | Ratio | Errors |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.map(([s, p, ar, a50, a99, pr, p50, p99, e]) => `| ${label[s] ?? s} | ${p} | ${r(ar, 1)} | ${r(a50, 2)} | ${r(a99, 2)} | ${r(pr, 1)} | ${r(p50, 3)} | ${r(p99, 3)} | ${r(ar / pr, 5)} | ${e} |`).join('\n')}

| Scenario | Median req/s | Median /ping req/s | Median ratio | One request costs (/pings) | Median p50 ms |
|---|---:|---:|---:|---:|---:|
${scenarios.split(/\s+/).filter(Boolean).map((s) => {
  const mine = rows.filter((x) => x[0] === s);
  const ratio = median(mine.map((x) => x[2] / x[5]));
  return `| ${label[s] ?? s} | ${r(median(mine.map((x) => x[2])), 1)} | ${r(median(mine.map((x) => x[5])), 1)} | ${r(ratio, 5)} | ${r(1 / ratio, 1)} | ${r(median(mine.map((x) => x[3])), 2)} |`;
}).join('\n')}`);
// wrk counts the requests completed within the run; the ones in flight when it ends are lost, about half a request per
// connection, which matters when a request takes a good part of a second. Little's law (connections ÷ mean latency,
// the client never pausing) gives the rate without that cut-off.
const signIns = rows.filter((x) => x[0] === 'sign_in');
if (signIns.length > 0) {
  const little = median(signIns.map((x) => Number(connections) / (x[9] / 1000)));
  console.log(`\nsign-in req/s by Little's law (${connections} connections ÷ mean latency), median: ${r(little, 1)} (wrk's count: ${r(median(signIns.map((x) => x[2])), 1)})`);
}
EOF
report_server_errors
[ "$total_bad" = 0 ] || die "$total_bad requests failed (see the tables above)"
