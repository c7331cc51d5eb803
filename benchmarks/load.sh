#!/usr/bin/env bash
# Load run: requests per second for GET users/{id}, GET users?prefix= (on an account of 100,000 users)
# and POST users, each measured beside GET /ping — the same wrk client against a trivial endpoint of
# the same server in the same run — so that the figure to compare is the ratio scenario/ping, which
# holds on a noisy machine much better than a raw req/s.
#
#   benchmarks/load.sh
#
# Settings (environment):
#   BENCH_USERS=100000        users seeded into the account (through the API)
#   BENCH_PAIRS=3             scenario/ping pairs per scenario (A B A B …)
#   BENCH_DURATION=8          seconds per wrk run
#   BENCH_THREADS=2           wrk threads
#   BENCH_CONNECTIONS=32      wrk connections
#   BENCH_SEED_CONCURRENCY=32 connections used while seeding
#   BENCH_SCENARIOS="get_user list_prefix create_user"
#   BENCH_PORT                port to listen on (default: a free one)
#   ROSTER_DATABASE           a PostgreSQL connection string to run against instead of a fresh SQLite
#                             file (e.g. "Host=127.0.0.1;Port=5432;Username=postgres;Database=roster_bench");
#                             a new account is created in it, nothing is deleted afterwards
#
# Everything listens on 127.0.0.1; the server and its temporary directory are removed on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

users="${BENCH_USERS:-100000}"
pairs="${BENCH_PAIRS:-3}"
duration="${BENCH_DURATION:-8}"
threads="${BENCH_THREADS:-2}"
connections="${BENCH_CONNECTIONS:-32}"
seed_concurrency="${BENCH_SEED_CONCURRENCY:-32}"
scenarios="${BENCH_SCENARIOS:-get_user list_prefix create_user}"

# shellcheck source=server.sh
. "$here/server.sh"

run_started=$(date +%s)

# --- tools ------------------------------------------------------------------------------------------
require_tools

# --- workspace, cleanup -----------------------------------------------------------------------------
make_workspace roster-bench
database="${ROSTER_DATABASE:-$work/roster.db}"
case "$database" in
  *Host=*|*host=*|*Server=*|postgres://*|postgresql://*) db_kind="PostgreSQL" ;;
  *) db_kind="SQLite" ;;
esac

# --- build, account, server -------------------------------------------------------------------------
log "building (Release)"
"$repo/roster" --help >/dev/null

tag="b$(date +%s)$RANDOM"
log "creating the account"
create_account Bench "root.$tag@bench.example" $((users * 2 + 10000))

start_server "$db_kind"

# --- seeding ----------------------------------------------------------------------------------------
log "seeding $users users through POST users ($seed_concurrency connections)"
seed_started=$(date +%s.%N)
node "$here/seed.mjs" "$base" "$account" "$key:$secret" "$users" "$work/ids.txt" "$seed_concurrency" "$tag"
seed_seconds=$(echo "$(date +%s.%N) $seed_started" | awk '{printf "%.0f", $1 - $2}')
live="$(curl -fsS -u "$key:$secret" "$base/api/accounts/$account" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).users))')"
[ "$live" = "$((users + 1))" ] || die "the account has $live users, expected $((users + 1)) (seeded + root)"
log "seeded in ${seed_seconds} s; the account has $live users (seeded + root)"
shuf -n 1000 "$work/ids.txt" >"$work/sample.txt"

# --- sanity: each scenario answers 200 with what it should ------------------------------------------
v1="$base/v1_1/provisioning/accounts/$account"
one_id="$(head -n 1 "$work/sample.txt")"
got="$(curl -fsS -u "$key:$secret" "$v1/users/$one_id")" || die "GET users/{id} failed"
[[ "$got" == *"\"id\":\"$one_id\""* ]] || die "GET users/{id} returned another user"
listed="$(curl -fsS -u "$key:$secret" "$v1/users?prefix=user00001")" || die "GET users?prefix= failed"
matches="$(node -e 'console.log(JSON.parse(process.argv[1]).users.length)' "$listed")"
[ "$matches" = 10 ] || [ "$users" -lt 19 ] || die "GET users?prefix=user00001 returned $matches users, expected 10"

# --- measurements -----------------------------------------------------------------------------------
export BENCH_ACCOUNT="$account" BENCH_AUTH="$auth" BENCH_IDS="$work/sample.txt" BENCH_USERS="$users"
bench() { # scenario seconds → RESULT line
  BENCH_SCENARIO="$1" BENCH_TAG="${tag}r$(date +%s%N)" wrk -t"$threads" -c"$connections" -d"$2s" --latency -s "$here/scenario.lua" "$base" >"$work/wrk.out" 2>&1 \
    || { cat "$work/wrk.out" >&2; die "wrk failed"; }
  grep '^RESULT_SAMPLE' "$work/wrk.out" | sed 's/^/  non-200 sample: /' >&2 || true
  grep '^RESULT ' "$work/wrk.out" || { cat "$work/wrk.out" >&2; die "no RESULT from wrk"; }
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

log "warming up (3 s per endpoint, not recorded)"
for s in ping $scenarios; do bench "$s" 3 >/dev/null; done

results="$work/results.tsv"
: >"$results"
total_bad=0
for s in $scenarios; do
  for p in $(seq "$pairs"); do
    # A pause before each run lets the server finish what the previous run left in flight.
    sleep 2; a="$(bench "$s" "$duration")"
    sleep 2; b="$(bench ping "$duration")"
    ra="$(field rps "$a")"; rb="$(field rps "$b")"
    bad=$(( $(field non200 "$a") + $(field socket_errors "$a") + $(field non200 "$b") + $(field socket_errors "$b") ))
    total_bad=$((total_bad + bad))
    ratio="$(awk -v a="$ra" -v b="$rb" 'BEGIN{printf "%.5f", a / b}')"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$p" "$ra" "$rb" "$ratio" "$bad" "$(field p99_ms "$a")" "$(field p99_ms "$b")" >>"$results"
    log "$s pair $p: $ra req/s, ping $rb req/s, ratio $ratio, errors $bad"
  done
done

# --- report -----------------------------------------------------------------------------------------
label() { case "$1" in get_user) echo 'GET users/{id}' ;; list_prefix) echo 'GET users?prefix=' ;; create_user) echo 'POST users' ;; *) echo "$1" ;; esac; }
cpu="$(cpu_model)"
server_errors="$(server_error_count)"
elapsed=$(( $(date +%s) - run_started ))
{
  echo
  echo "Roster load run, $(date -u '+%Y-%m-%d %H:%M UTC'); $db_kind; $(nproc) CPUs ($cpu); wrk -t$threads -c$connections, ${duration} s per run"
  echo "account: $live users (seeded in ${seed_seconds} s); whole run ${elapsed} s; non-200 or socket errors: $total_bad; server error log lines: $server_errors"
  echo
  echo "| Scenario | Pair | Scenario req/s | /ping req/s | Ratio | Scenario p99 ms | /ping p99 ms | Errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  while IFS=$'\t' read -r s p ra rb ratio bad pa pb; do
    echo "| $(label "$s") | $p | $ra | $rb | $ratio | $pa | $pb | $bad |"
  done <"$results"
  echo
  echo "| Scenario | Median ratio | Median scenario req/s |"
  echo "|---|---:|---:|"
  for s in $scenarios; do
    med_ratio="$(awk -F'\t' -v s="$s" '$1==s{print $5}' "$results" | sort -g | awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}')"
    med_rps="$(awk -F'\t' -v s="$s" '$1==s{print $3}' "$results" | sort -g | awk '{v[NR]=$1} END{print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}')"
    echo "| $(label "$s") | $med_ratio | $med_rps |"
  done
}
report_server_errors
[ "$total_bad" = 0 ] || die "$total_bad requests failed (see the tables above)"
