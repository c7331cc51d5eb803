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

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

run_started=$(date +%s)

# --- tools ------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  log "installing wrk"
  if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else sudo apt-get install -y wrk >/dev/null; fi
fi
for tool in wrk node curl dotnet; do command -v "$tool" >/dev/null || die "$tool is required"; done

# --- workspace, cleanup -----------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/roster-bench.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port="${BENCH_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
base="http://127.0.0.1:$port"
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
account_json="$("$repo/roster" accounts create --name Bench --root-email "root.$tag@bench.example" \
  --plan enterprise --seats $((users * 2 + 10000)) --database "$database")"
json() { node -e 'const o=JSON.parse(process.argv[1]); console.log(o[process.argv[2]])' "$1" "$2"; }
account="$(json "$account_json" account_id)"
key="$(json "$account_json" provisioning_api_key)"
secret="$(json "$account_json" provisioning_api_secret)"
auth="$(printf '%s:%s' "$key" "$secret" | base64 -w0)"

log "starting the server on $base ($db_kind)"
(cd "$work" && Roster__RateLimit__Limit=1000000000 exec "$repo/roster" serve --urls "$base" --database "$database") \
  >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 120); do
  curl -fsS "$base/ping" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; die "the server exited"; }
  sleep 0.5
done
curl -fsS "$base/ping" >/dev/null || die "the server did not answer /ping"

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
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
server_errors="$(grep -c '"LogLevel":"Error"' "$work/server.log" || true)"
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
if [ "$server_errors" != 0 ]; then
  echo
  echo "Server error log lines, by message:"
  grep '"LogLevel":"Error"' "$work/server.log" | grep -o '"Exception":"[^"\\]*' | cut -c14-140 | sort | uniq -c | sort -rn | head -n 5
fi
[ "$total_bad" = 0 ] || die "$total_bad requests failed (see the tables above)"
