#!/usr/bin/env bash
# Console pages run: what the Users and Groups pages of a large account cost the server, each page measured with one
# connection (so that wrk's latency is the server's time per request, on loopback) beside GET /ping — the same wrk client
# against a trivial endpoint of the same server in the same run — on SQLite and on PostgreSQL.
#
#   benchmarks/console.sh
#
# The account: 100,000 users (10 % deleted, 30 % pending, 60 % active), 10,000 groups, 20 product environments and some
# 39,000 role grants (console-seed.mjs: product environments and grants through the APIs, users, groups and memberships
# straight into the database). The root user accepts its invitation and its console session is what every request
# carries (console-wrk.lua). Every answer must show the count of users or groups the seed predicts for that page.
#
# Settings (environment):
#   BENCH_DATABASES="sqlite postgresql"
#   BENCH_USERS=100000 BENCH_GROUPS=10000 BENCH_PRODUCT_ENVIRONMENTS=20
#   BENCH_PAIRS=3             page/ping pairs per page (A B A B …)
#   BENCH_DURATION=5          seconds per wrk run
#   BENCH_SCENARIOS           the pages, default all: users users_search users_status users_role users_group users_pe
#                             users_page groups groups_search groups_page
#   BENCH_PG_PORT             a PostgreSQL server on 127.0.0.1 to use (user BENCH_PG_USER, default postgres, trusted);
#                             a database is created on it for the run and dropped at the end. Unset: a throwaway
#                             cluster is started in the temporary directory (initdb and pg_ctl; as root, run as the
#                             postgres user) and removed on exit.
#   BENCH_PORT                port for Roster to listen on (default: a free one)
#   BENCH_KEEP=1              keep the temporary directory (the SQLite file, seed.sql, server logs) and the PostgreSQL
#                             database created on BENCH_PG_PORT, to look at the queries afterwards
#
# Everything listens on 127.0.0.1; the servers and the temporary directory are removed on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

databases="${BENCH_DATABASES:-sqlite postgresql}"
users="${BENCH_USERS:-100000}"
groups="${BENCH_GROUPS:-10000}"
product_environments="${BENCH_PRODUCT_ENVIRONMENTS:-20}"
pairs="${BENCH_PAIRS:-3}"
duration="${BENCH_DURATION:-5}"
scenarios="${BENCH_SCENARIOS:-users users_search users_status users_role users_group users_pe users_page groups groups_search groups_page}"
pg_user="${BENCH_PG_USER:-postgres}"

# shellcheck source=server.sh
. "$here/server.sh"

run_started=$(date +%s)

# --- tools ------------------------------------------------------------------------------------------
needs=()
for d in $databases; do
  case "$d" in
    sqlite) needs+=(sqlite3) ;;
    postgresql) needs+=(psql); [ -n "${BENCH_PG_PORT:-}" ] || needs+=(initdb pg_ctl) ;;
    *) die "BENCH_DATABASES takes sqlite and postgresql, not $d" ;;
  esac
done
# initdb and pg_ctl are often off the PATH, in PostgreSQL's own bin directory.
for bin in /usr/lib/postgresql/*/bin; do [ -d "$bin" ] && PATH="$PATH:$bin"; done
require_tools "${needs[@]}"

# --- workspace, cleanup -----------------------------------------------------------------------------
make_workspace roster-console-bench
chmod 755 "$work"
pg_started="" pg_database=""
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
clean_up() {
  stop_and_clean_server
  if [ -n "${BENCH_KEEP:-}" ]; then
    [ -z "$pg_started" ] || as_postgres "pg_ctl -D '$work/pg' -m fast -w stop" >/dev/null 2>&1 || true
    log "kept $work${pg_database:+ and the database $pg_database}"
    return
  fi
  if [ -n "$pg_database" ] && [ -n "${BENCH_PG_PORT:-}" ]; then
    psql -X -q -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS \"$pg_database\"" >/dev/null 2>&1 || true
  fi
  [ -z "$pg_started" ] || as_postgres "pg_ctl -D '$work/pg' -m immediate -w stop" >/dev/null 2>&1 || true
  stop_and_clean
}
stop_and_clean_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}
trap clean_up EXIT

# --- build ------------------------------------------------------------------------------------------
log "building (Release)"
"$repo/roster" --help >/dev/null

export BENCH_COOKIE="$work/cookie.txt" BENCH_PAGES="$work/pages.tsv"
bench() { # scenario seconds → RESULT line
  BENCH_SCENARIO="$1" wrk -t1 -c1 -d"$2s" --timeout 10s --latency -s "$here/console-wrk.lua" "$base" >"$work/wrk.out" 2>&1 \
    || { cat "$work/wrk.out" >&2; die "wrk failed"; }
  grep -a '^RESULT_SAMPLE' "$work/wrk.out" | sed 's/^/  unexpected answer sample: /' >&2 || true
  local result
  result="$(grep -a '^RESULT ' "$work/wrk.out")" || { cat "$work/wrk.out" >&2; die "no RESULT from wrk"; }
  [ "$(field requests "$result")" != 0 ] || die "no $1 request completed in $2 s"
  echo "$result"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

results="$work/results.tsv"
: >"$results"
total_bad=0
server_errors=0
for db in $databases; do
  tag="c$(date +%s)$RANDOM"
  if [ "$db" = sqlite ]; then
    label=SQLite
    database="$work/roster.db"
    seed_database="$database"
  else
    label=PostgreSQL
    if [ -n "${BENCH_PG_PORT:-}" ]; then
      pg_port="$BENCH_PG_PORT"
    else
      pg_port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
      log "starting a throwaway PostgreSQL cluster on 127.0.0.1:$pg_port"
      mkdir -p "$work/pg"
      [ "$(id -u)" != 0 ] || chown postgres "$work/pg"
      as_postgres "initdb -D '$work/pg' --auth=trust -U '$pg_user'" >/dev/null
      as_postgres "pg_ctl -D '$work/pg' -o \"-c listen_addresses=127.0.0.1 -p $pg_port -k '$work/pg' -c fsync=off\" -l '$work/pg/log' -w start" >/dev/null
      pg_started=1
    fi
    pg_database="roster_console_$tag"
    database="Host=127.0.0.1;Port=$pg_port;Username=$pg_user;Database=$pg_database"
    seed_database="host=127.0.0.1 port=$pg_port user=$pg_user dbname=$pg_database"
  fi

  log "$label: creating the account"
  created="$("$repo/roster" accounts create --name "Console bench" --root-email "root.$tag@bench.example" --plan enterprise \
    --seats $((users + 100)) --database "$database")"
  read -r account key secret invitation < <(node -e 'const o=JSON.parse(process.argv[1]);
    console.log(o.account_id, o.provisioning_api_key, o.provisioning_api_secret, o.root_invitation_url)' "$created")
  [ -n "$invitation" ] || die "accounts create answered: $created"
  start_server "$label"

  log "$label: seeding $users users, $groups groups, $product_environments product environments"
  node "$here/console-seed.mjs" "$base" "$account" "$key:$secret" "$invitation" "$work" "$db" "$seed_database" \
    "$users" "$groups" "$product_environments"
  cp "$work/seed.json" "$work/seed-$db.json"

  log "$label: warming up (2 s per page, not recorded)"
  for s in ping $scenarios; do bench "$s" 2 >/dev/null; done

  load_begin="$(cut -d' ' -f1 /proc/loadavg)"
  for s in $scenarios; do
    for p in $(seq "$pairs"); do
      # A pause before each run lets the server finish what the previous run left in flight.
      sleep 1; a="$(bench "$s" "$duration")"
      sleep 1; b="$(bench ping "$duration")"
      bad=$(( $(field bad "$a") + $(field socket_errors "$a") + $(field bad "$b") + $(field socket_errors "$b") ))
      total_bad=$((total_bad + bad))
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$db" "$s" "$p" "$(field rps "$a")" "$(field mean_ms "$a")" \
        "$(field p99_ms "$a")" "$(field rps "$b")" "$(field mean_ms "$b")" "$(field p99_ms "$b")" "$bad" \
        "$(cut -d' ' -f1 /proc/loadavg)" >>"$results"
      log "$label $s pair $p: mean $(field mean_ms "$a") ms p99 $(field p99_ms "$a") ms $(field rps "$a") req/s; ping $(field rps "$b") req/s; errors $bad"
    done
  done
  printf '%s\t%s\t%s\n' "$db" "$load_begin" "$(cut -d' ' -f1 /proc/loadavg)" >>"$work/load.tsv"
  server_errors=$((server_errors + $(server_error_count)))
  report_server_errors
  stop_and_clean_server
done

# --- report -----------------------------------------------------------------------------------------
node - "$results" "$work" "$(( $(date +%s) - run_started ))" "$(nproc)" "$(cpu_model)" "$duration" "$pairs" "$total_bad" \
  "$server_errors" <<'EOF'
const [results, work, elapsed, cpus, cpu, duration, pairs, bad, serverErrors] = process.argv.slice(2);
const fs = require('fs');
const rows = fs.readFileSync(results, 'utf8').trim().split('\n').map((l) => l.split('\t'))
  .map(([db, s, ...rest]) => [db, s, ...rest.map(Number)]);
const loads = Object.fromEntries(fs.readFileSync(`${work}/load.tsv`, 'utf8').trim().split('\n').map((l) => l.split('\t'))
  .map(([db, a, b]) => [db, [a, b]]));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const r = (x, d = 2) => x.toFixed(d);
const label = {
  users: 'Users, first page', users_search: 'Users, search "mar"', users_status: 'Users, status pending',
  users_role: 'Users, role Media Library User', users_group: 'Users, group of 5,000', users_pe: 'Users, product environment',
  users_page: 'Users, page 500', groups: 'Groups, first page', groups_search: 'Groups, search "ops"', groups_page: 'Groups, last page (200)',
};
const names = { sqlite: 'SQLite', postgresql: 'PostgreSQL' };
console.log(`\nRoster console pages run, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${cpus} CPUs (${cpu}); wrk -t1 -c1, ${duration} s per run, ${pairs} pairs per page; whole run ${elapsed} s; unexpected answers or socket errors: ${bad}; server error log lines: ${serverErrors}`);
for (const db of [...new Set(rows.map((x) => x[0]))]) {
  const seed = JSON.parse(fs.readFileSync(`${work}/seed-${db}.json`, 'utf8'));
  const mine = rows.filter((x) => x[0] === db);
  console.log(`
${names[db]}: ${seed.users} users (${seed.liveUsers} live, the root user included), ${seed.groups} groups, ${seed.productEnvironments} product environments, ${seed.grants} role grants; seeded in ${r(seed.seconds.productEnvironments + seed.seconds.database + seed.seconds.grants, 1)} s (database ${seed.seconds.database} s, grants ${seed.seconds.grants} s); 1-minute load average when measuring began ${loads[db][0]}, at the end ${loads[db][1]}

| Page | Mean ms | p99 ms | req/s | /ping req/s | /ping mean ms | Ratio to /ping | Load |
|---|---:|---:|---:|---:|---:|---:|---:|
${[...new Set(mine.map((x) => x[1]))].map((s) => {
  const m = mine.filter((x) => x[1] === s);
  // [db, s, pair, rps, mean, p99, ping rps, ping mean, ping p99, bad, load]
  return `| ${label[s] ?? s} | ${r(median(m.map((x) => x[4])))} | ${r(median(m.map((x) => x[5])))} | ${r(median(m.map((x) => x[3])), 1)} | ${r(median(m.map((x) => x[6])), 1)} | ${r(median(m.map((x) => x[7])), 3)} | ${r(median(m.map((x) => x[3] / x[6])), 4)} | ${r(median(m.map((x) => x[10])), 1)} |`;
}).join('\n')}`);
}
console.log('\nMedians over the pairs; the ratio is page req/s ÷ /ping req/s of the same pair; Load is the 1-minute load average after the pairs.');
EOF
[ "$total_bad" = 0 ] || die "$total_bad requests failed (see the tables above)"
