#!/usr/bin/env bash
# Engine benchmark: Roster's Cedar engine against the reference (npm @cedar-policy/cedar-wasm 4.13.0) on one
# realistic account — 10,000 users, 1,000 groups, 100 product environments with folder trees 8 deep,
# 100,000 folder-role grants and a few hundred account and product-environment roles, compiled by
# AccountPolicyBuilder into the policy set Roster evaluates — and a mix of 10,000 requests (a user reading,
# uploading or deleting an asset in a folder 1–8 deep, with its own entities).
#
#   benchmarks/cedar.sh
#
# Steps: build (Release); generate the account and export it (policies as Cedar text, requests with Cedar
# JSON entities); the reference decides every request and is timed; Roster checks that its decisions,
# reasons and errors equal the reference's on every request (the run fails otherwise) and is timed with
# BenchmarkDotNet; both figures and their ratio are printed.
#
# Settings (environment):
#   BENCH_FOLDER_GRANTS=100000, BENCH_USERS=10000, BENCH_GROUPS=1000, BENCH_PRODUCT_ENVIRONMENTS=100,
#   BENCH_FOLDER_DEPTH=8, BENCH_TOP_FOLDERS=4, BENCH_REQUESTS=10000, BENCH_SEED   the account and the mix
#   BENCH_ITERATIONS=10                   BenchmarkDotNet iterations per Roster benchmark
#   BENCH_REFERENCE_ROUNDS=3              timed rounds of the reference with the whole policy set …
#   BENCH_REFERENCE_ROUND_SECONDS=10      … each this long
#   BENCH_REFERENCE_SLICED_REQUESTS=500   requests timed with each principal's policies parsed ahead …
#   BENCH_REFERENCE_SLICED_ROUNDS=5       … in this many rounds
#   BENCH_KEEP=1                          keep the generated files (their directory is printed)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
for tool in dotnet node npm; do command -v "$tool" >/dev/null || die "$tool is required"; done

run_started=$(date +%s)
# The 1-minute load average when each side starts and at the end: the figures depend on what else runs.
loadavg() { cut -d' ' -f1 /proc/loadavg; }
load_start="$(loadavg)"
work="$(mktemp -d "${TMPDIR:-/tmp}/roster-cedar-bench.XXXXXX")"
cleanup() { if [ "${BENCH_KEEP:-}" = 1 ]; then log "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the reference's package, pinned by the lock file -----------------------------------------------
reference="$here/cedar-reference"
if [ ! -d "$reference/node_modules/@cedar-policy/cedar-wasm" ] || [ "$reference/package-lock.json" -nt "$reference/node_modules/.package-lock.json" ]; then
  log "installing the reference engine (npm ci)"
  (cd "$reference" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

# --- build ------------------------------------------------------------------------------------------
log "building the benchmark (Release)"
dotnet build "$here/Roster.Benchmarks/Roster.Benchmarks.csproj" -c Release -o "$work/bin" --nologo -v quiet >&2
bench() { dotnet "$work/bin/Roster.Benchmarks.dll" "$@"; }

# --- generate and export ----------------------------------------------------------------------------
log "generating the account and the request mix"
bench export "$work/data" | sed 's/^/  /' >&2

# --- the reference: decides every request, then timed -----------------------------------------------
log "running the reference"
load_reference="$(loadavg)"
node "$reference/reference.mjs" "$work/data" 2>&1 | sed 's/^/  /' >&2
[ -f "$work/data/reference-figures.json" ] || die "the reference did not finish"

# --- Roster: the same decisions on every request, then timed ----------------------------------------
log "checking Roster's decisions against the reference's, then timing Roster (BenchmarkDotNet)"
load_roster="$(loadavg)"
if ! bench run "$work/data" >"$work/roster.log" 2>&1; then
  grep -E '^(FAIL|  request|check)' "$work/roster.log" >&2 || tail -n 40 "$work/roster.log" >&2
  die "the Roster benchmark failed (see above)"
fi
grep -E '^(account|parse|check):' "$work/roster.log" | sed 's/^/  /' >&2

# --- report -----------------------------------------------------------------------------------------
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
load="start $load_start, reference $load_reference, Roster $load_roster, end $(loadavg)"
node - "$work/data" "$(( $(date +%s) - run_started ))" "$cpu" "$(nproc)" "$load" "$(dotnet --version)" <<'EOF'
const [dir, elapsed, cpu, cpus, load, sdk] = process.argv.slice(2);
const fs = require('fs');
const roster = JSON.parse(fs.readFileSync(`${dir}/roster-figures.json`, 'utf8'));
const reference = JSON.parse(fs.readFileSync(`${dir}/reference-figures.json`, 'utf8'));
const s = roster.summary;
const fmt = (n) => n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3);
const us = (perSecond) => (1e6 / perSecond).toPrecision(3);
const endpoint = roster.benchmarks.find((b) => b.name === 'EndpointPath');
const whole = reference.wholeSet.medianDecisionsPerSecond;
const sliced = reference.principalSlices.medianDecisionsPerSecond;
console.log(`
Roster engine benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${cpus} CPUs (${cpu}); 1-minute load average: ${load}; .NET SDK ${sdk}, Node ${reference.node}; whole run ${elapsed} s
account: ${s.users} users, ${s.groups} groups, ${s.productEnvironments} product environments, ${s.folders} folders, ${s.folderGrants} folder grants + ${s.globalGrants} account/product-environment grants → ${s.policies} policies; ${s.requests} requests (${roster.allowedRequests} allowed)
check: Roster's decisions, reasons and errors equal the reference's on all ${roster.checkedRequests} requests; ${reference.comparedWithWholeSet} of them also decided by the reference with the whole set
reference: ${reference.engine}; ${reference.averageSlicePolicies} policies per principal on average (own and its groups')
parsing the exported policy set once: Roster ${roster.parseSeconds} s (parse and compile), the reference ${reference.preparseSeconds} s (preparsePolicySet)

| Engine, per request | Decisions/s | µs per request | Allocated per request |
|---|---:|---:|---:|
${roster.benchmarks.map((b) => `| Roster: ${b.description} | ${fmt(b.decisionsPerSecond)} | ${(b.medianNanoseconds / 1000).toPrecision(3)} | ${b.allocatedBytesPerRequest} B |`).join('\n')}
| reference: whole policy set parsed once (statefulIsAuthorized) | ${fmt(whole)} | ${us(whole)} | |
| reference: the principal's policies parsed ahead | ${fmt(sliced)} | ${us(sliced)} | |

Ratio Roster (endpoint path) / reference (whole set): ${fmt(endpoint.decisionsPerSecond / whole)}
Ratio Roster (endpoint path) / reference (the principal's policies parsed ahead): ${fmt(endpoint.decisionsPerSecond / sliced)}`);
EOF
