#!/usr/bin/env bash
# Start-up of the cedar tools for policy authors: one `roster cedar authorize` and one `roster cedar test` of a
# 10,000-request suite, measured with hyperfine beside two trivial baselines in the same run — `roster --version`
# (the .NET host starting Roster and exiting) and `true` (a process start) — so that the ratio holds on a
# noisy machine much better than the raw figures.
#
#   benchmarks/cedar-cli.sh
#
# The inputs (23 policies, 1,530 entities, the suite's expected decisions computed from the same rules) are
# written by cedar-cli-inputs.mjs; the suite must pass in full before anything is timed. Roster is built as
# ./roster builds it (Release, .build/roster) and run as `dotnet .build/roster/Roster.dll`, without the
# wrapper's check for changed sources; one more row times `./roster cedar authorize` as users type it.
#
# Settings (environment):
#   BENCH_RUNS=30        timed runs per command
#   BENCH_WARMUP=3       untimed runs first
#   BENCH_REQUESTS=10000 requests in the suite
#   BENCH_KEEP=1         keep the generated files (their directory is printed)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
runs="${BENCH_RUNS:-30}"
warmup="${BENCH_WARMUP:-3}"
requests="${BENCH_REQUESTS:-10000}"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
for tool in dotnet node hyperfine; do
  command -v "$tool" >/dev/null || die "$tool is required (hyperfine: apt-get install -y hyperfine)"
done

work="$(mktemp -d "${TMPDIR:-/tmp}/roster-cedar-cli-bench.XXXXXX")"
cleanup() { if [ "${BENCH_KEEP:-}" = 1 ]; then log "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building Roster (Release, as ./roster does)"
"$repo/roster" --version >/dev/null
dll="$repo/.build/roster/Roster.dll"

log "writing the inputs"
node "$here/cedar-cli-inputs.mjs" "$work" "$requests" | sed 's/^/  /' >&2

cd "$work"
roster=(dotnet "$dll")
summary="$("${roster[@]}" cedar test suite.json)" || die "the suite does not pass: $summary"
[ "$summary" = "$requests passed, 0 failed" ] || die "unexpected summary: $summary"
"${roster[@]}" cedar authorize --policies policies.cedar --entities entities.json --request-json request.json >/dev/null \
  || die "the authorize request is not allowed"

log "timing ($warmup warm-up and $runs timed runs per command, in one hyperfine run)"
authorize="cedar authorize --policies policies.cedar --entities entities.json --request-json request.json"
hyperfine -N --warmup "$warmup" --runs "$runs" --export-json "$work/times.json" --style none \
  -n "true" "true" \
  -n "roster --version" "dotnet $dll --version" \
  -n "roster cedar authorize" "dotnet $dll $authorize" \
  -n "roster cedar test ($requests requests)" "dotnet $dll cedar test suite.json" \
  -n "./roster cedar authorize" "$repo/roster $authorize" >&2

node - "$work/times.json" "$runs" <<'JS'
const { readFileSync } = require('node:fs');
const [file, runs] = process.argv.slice(2);
const { results } = JSON.parse(readFileSync(file, 'utf8'));
const ms = (s) => (s * 1000).toFixed(1);
const baseline = results.find((r) => r.command === 'roster --version').mean;
const now = new Date().toISOString().replace('T', ' ').slice(0, 16);
console.log(`Roster cedar start-up, ${now} UTC; hyperfine, ${runs} runs per command after warm-up\n`);
console.log('| Command | Mean ms | ± σ ms | Min ms | Max ms | Ratio to `roster --version` |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.command} | ${ms(r.mean)} | ${ms(r.stddev)} | ${ms(r.min)} | ${ms(r.max)} | ${(r.mean / baseline).toFixed(2)} |`);
}
JS
