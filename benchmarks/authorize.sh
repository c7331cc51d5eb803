#!/usr/bin/env bash
# HTTP authorize run: latency and rate of POST /v2/accounts/{id}/permissions/authorize on a realistic
# Roles and Permissions account, measured beside GET /ping on the same server in the same run (the ratio
# holds on a noisy machine much better than the raw figures).
#
#   benchmarks/authorize.sh
#
# A fresh SQLite database and an Enterprise account are seeded through the real APIs with the account the
# engine benchmark generates (10,000 users, 1,000 groups, 100 product environments, 100,000 folder grants
# and a few hundred account and product-environment grants; see cedar.sh); every decision of the request
# mix is checked against Roster's engine first; then wrk sends the mix's 10,000 requests in turn.
#
# Settings (environment):
#   BENCH_PAIRS=3             authorize/ping pairs (A B A B …)
#   BENCH_DURATION=15         seconds per wrk run
#   BENCH_THREADS=2           wrk threads
#   BENCH_CONNECTIONS=32      wrk connections
#   BENCH_SEED_CONCURRENCY=16 connections used while seeding
#   BENCH_PORT                port to listen on (default: a free one)
#   BENCH_FOLDER_GRANTS, BENCH_USERS, … the account's shape, as for cedar.sh
#
# Everything listens on 127.0.0.1; the server and its temporary directory are removed on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

pairs="${BENCH_PAIRS:-3}"
duration="${BENCH_DURATION:-15}"
threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-32}"
seed_concurrency="${BENCH_SEED_CONCURRENCY:-16}"

# shellcheck source=server.sh
. "$here/server.sh"

run_started=$(date +%s)

# --- tools ------------------------------------------------------------------------------------------
require_tools

# --- workspace, cleanup -----------------------------------------------------------------------------
make_workspace roster-authorize-bench
database="$work/roster.db"

# --- build, plan, account, server -------------------------------------------------------------------
log "building Roster and the benchmark (Release)"
"$repo/roster" --help >/dev/null
dotnet build "$here/Roster.Benchmarks/Roster.Benchmarks.csproj" -c Release -o "$work/bin" --nologo -v quiet >&2

log "generating the account plan"
dotnet "$work/bin/Roster.Benchmarks.dll" plan "$work" | sed 's/^/  /' >&2
users="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).users.length)' "$work/account-plan.json")"

log "creating the account"
create_account "Authorize bench" "root.$(date +%s)@bench.example" $((users + 100))

start_server SQLite

# --- seeding and the check of every decision --------------------------------------------------------
log "seeding the account through the Provisioning and Permissions APIs ($seed_concurrency connections)"
node "$here/authorize-seed.mjs" "$base" "$account" "$key:$secret" "$work/account-plan.json" "$work" "$seed_concurrency"

# --- measurements -----------------------------------------------------------------------------------
export BENCH_ACCOUNT="$account" BENCH_AUTH="$auth" BENCH_BODIES="$work/bodies.jsonl"
bench() { # scenario seconds → RESULT line
  BENCH_SCENARIO="$1" wrk -t"$threads" -c"$connections" -d"$2s" --latency -s "$here/authorize.lua" "$base" >"$work/wrk.out" 2>&1 \
    || { cat "$work/wrk.out" >&2; die "wrk failed"; }
  grep '^RESULT_SAMPLE' "$work/wrk.out" | sed 's/^/  bad answer sample: /' >&2 || true
  grep '^RESULT ' "$work/wrk.out" || { cat "$work/wrk.out" >&2; die "no RESULT from wrk"; }
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

log "warming up (5 s per endpoint, not recorded)"
for s in ping authorize; do bench "$s" 5 >/dev/null; done

results="$work/results.tsv"
: >"$results"
load_measure="$(cut -d' ' -f1 /proc/loadavg)"
total_bad=0
for p in $(seq "$pairs"); do
  # A pause before each run lets the server finish what the previous run left in flight.
  sleep 2; a="$(bench authorize "$duration")"
  sleep 2; b="$(bench ping "$duration")"
  bad=$(( $(field non200 "$a") + $(field socket_errors "$a") + $(field non200 "$b") + $(field socket_errors "$b") ))
  total_bad=$((total_bad + bad))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$p" "$(field rps "$a")" "$(field p50_ms "$a")" "$(field p99_ms "$a")" \
    "$(field rps "$b")" "$(field p50_ms "$b")" "$(field p99_ms "$b")" "$bad" >>"$results"
  log "pair $p: authorize $(field rps "$a") req/s p50 $(field p50_ms "$a") ms p99 $(field p99_ms "$a") ms; ping $(field rps "$b") req/s p50 $(field p50_ms "$b") ms p99 $(field p99_ms "$b") ms; errors $bad"
done

# --- report -----------------------------------------------------------------------------------------
cpu="$(cpu_model)"
server_errors="$(server_error_count)"
node - "$results" "$work/seed.json" "$(( $(date +%s) - run_started ))" "$(nproc)" "$cpu" "when measuring began $load_measure, at the end $(cut -d' ' -f1 /proc/loadavg)" \
  "$threads" "$connections" "$duration" "$total_bad" "$server_errors" <<'EOF'
const [results, seedFile, elapsed, cpus, cpu, load, threads, connections, duration, bad, serverErrors] = process.argv.slice(2);
const fs = require('fs');
const seed = JSON.parse(fs.readFileSync(seedFile, 'utf8'));
const rows = fs.readFileSync(results, 'utf8').trim().split('\n').map((l) => l.split('\t').map(Number));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const r = (x, d = 2) => x.toFixed(d);
console.log(`
Roster authorize run, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; SQLite; ${cpus} CPUs (${cpu}); 1-minute load average ${load}; wrk -t${threads} -c${connections}, ${duration} s per run
account: ${seed.users} users, ${seed.groups} groups (${seed.memberships} memberships), ${seed.productEnvironments} product environments, ${seed.grants} grants in ${seed.grantCalls} calls; seeded in ${Math.round(seed.seconds.productEnvironments + seed.seconds.users + seed.seconds.groups + seed.seconds.memberships + seed.seconds.grants)} s (grants ${seed.seconds.grants} s); first decision ${seed.seconds.firstDecision} s
check: the server's decisions equal Roster's engine on all ${seed.requests} requests of the mix (${seed.allowed} allowed); whole run ${elapsed} s; non-200 or socket errors: ${bad}; server error log lines: ${serverErrors}

| Pair | authorize req/s | authorize p50 ms | authorize p99 ms | /ping req/s | /ping p50 ms | /ping p99 ms | req/s ratio | p50 ratio | Errors |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.map(([p, ar, a50, a99, pr, p50, p99, e]) => `| ${p} | ${r(ar, 1)} | ${r(a50, 3)} | ${r(a99, 3)} | ${r(pr, 1)} | ${r(p50, 3)} | ${r(p99, 3)} | ${r(ar / pr, 4)} | ${r(a50 / p50, 2)} | ${e} |`).join('\n')}

| Median | authorize | /ping | Ratio authorize / ping |
|---|---:|---:|---:|
| req/s | ${r(median(rows.map((x) => x[1])), 1)} | ${r(median(rows.map((x) => x[4])), 1)} | ${r(median(rows.map((x) => x[1] / x[4])), 4)} |
| p50 ms | ${r(median(rows.map((x) => x[2])), 3)} | ${r(median(rows.map((x) => x[5])), 3)} | ${r(median(rows.map((x) => x[2] / x[5])), 2)} |
| p99 ms | ${r(median(rows.map((x) => x[3])), 3)} | ${r(median(rows.map((x) => x[6])), 3)} | ${r(median(rows.map((x) => x[3] / x[6])), 2)} |`);
EOF
report_server_errors
[ "$total_bad" = 0 ] || die "$total_bad requests failed (see the tables above)"
