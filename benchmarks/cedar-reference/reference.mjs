// The reference Cedar engine (npm @cedar-policy/cedar-wasm, pinned in package.json) on the account and
// request mix that Roster's engine benchmark exports. Usage: node reference.mjs DIR
//
// Reads DIR/policies.json ({"policy id": "Cedar text"}) and DIR/requests.jsonl (one
// {principal, action, resource, context, entities} per line), and writes:
//   DIR/reference-decisions.json  per request {decision, reasons, errors}, for Roster's check
//   DIR/reference-figures.json    the timings
//
// 1. The whole policy set is parsed once (preparsePolicySet); every timed call names it
//    (statefulIsAuthorized), so the reference does not parse policies per request: the fair comparison.
// 2. Every request of the mix is decided for Roster's check. The reference looks at every policy of the set
//    for every request, which takes about a second per request at the full account's size, so for this pass
//    each request gets only the policies whose principal scope can match it: those naming the principal or one
//    of its ancestors (`principal == E`, `principal in E`) and those with an open principal. The others are
//    false at their scope, which Cedar evaluates first, so they can neither apply nor error: the answer is the
//    same, and step 3 checks that on every request it times against the whole set.
// 3. Timed rounds with the whole set: requests of the mix in order, each round as many as fit in
//    BENCH_REFERENCE_ROUND_SECONDS; decisions per second, median of BENCH_REFERENCE_ROUNDS rounds after a warm-up.
// 4. Timed rounds with each principal's policies parsed ahead (its slice, as in step 2), over the first
//    BENCH_REFERENCE_SLICED_REQUESTS requests: the reference's evaluator on the policies Roster's index picks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node reference.mjs DIR');
  process.exit(2);
}
const setting = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const rounds = setting('BENCH_REFERENCE_ROUNDS', 3);
const roundSeconds = setting('BENCH_REFERENCE_ROUND_SECONDS', 10);
const slicedRequests = setting('BENCH_REFERENCE_SLICED_REQUESTS', 500);
const slicedRounds = setting('BENCH_REFERENCE_SLICED_ROUNDS', 5);

const log = (message) => console.error(`[reference ${new Date().toISOString().slice(11, 19)}] ${message}`);
const fail = (message) => {
  console.error(`FAIL: ${message}`);
  process.exit(1);
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const seconds = (start) => (performance.now() - start) / 1000;

// --- input ------------------------------------------------------------------------------------------
const policies = JSON.parse(readFileSync(join(dir, 'policies.json'), 'utf8'));
const policyIds = Object.keys(policies);
const requests = readFileSync(join(dir, 'requests.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.length > 0)
  .map((line) => JSON.parse(line));
log(`${policyIds.length} policies, ${requests.length} requests; cedar-wasm ${cedar.getCedarSDKVersion?.() ?? '?'} (Cedar ${cedar.getCedarVersion()})`);

// --- principal scopes, read from the policy text ----------------------------------------------------
// The principal part of the scope as the printer writes it: `principal`, `principal is T`,
// `principal == T::"id"`, `principal in T::"id"`, `principal is T in T::"id"`. Anything else, or an id with
// escapes other than \" and \\, counts as open: including a policy that cannot match never changes an answer.
const scopePattern = /^(?:permit|forbid) \(principal(?: is [A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)?(?: (?:==|in) ([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)::"((?:[^"\\]|\\["\\])*)")?, /m;
const openPolicies = [];
const policiesByPrincipal = new Map();
for (const id of policyIds) {
  const match = scopePattern.exec(policies[id]);
  if (!match || match[1] === undefined) {
    openPolicies.push(id);
    continue;
  }
  const key = `${match[1]}::${match[2].replace(/\\(["\\])/g, '$1')}`;
  if (!policiesByPrincipal.has(key)) policiesByPrincipal.set(key, []);
  policiesByPrincipal.get(key).push(id);
}
log(`${openPolicies.length} policies with an open principal, ${policiesByPrincipal.size} principals named in the others`);

const uidKey = (uid) => `${uid.type}::${uid.id}`;

/** The principal and its transitive parents, from the request's own entities. */
function principalAndAncestors(request) {
  const parents = new Map(request.entities.map((e) => [uidKey(e.uid), e.parents.map(uidKey)]));
  const seen = new Set([uidKey(request.principal)]);
  const queue = [...seen];
  while (queue.length > 0) {
    for (const parent of parents.get(queue.pop()) ?? []) {
      if (!seen.has(parent)) {
        seen.add(parent);
        queue.push(parent);
      }
    }
  }
  return [...seen].sort();
}

/** The policies that can apply to requests of this principal, as a {id: text} record. */
function sliceFor(keys) {
  const slice = {};
  for (const id of openPolicies) slice[id] = policies[id];
  for (const key of keys) for (const id of policiesByPrincipal.get(key) ?? []) slice[id] = policies[id];
  return slice;
}

function preparse(id, record) {
  const answer = cedar.preparsePolicySet(id, { staticPolicies: record });
  if (answer.type !== 'success') fail(`the reference does not parse the policy set: ${answer.errors.map((e) => e.message).join('; ')}`);
}

function decide(request, policySetId) {
  const answer = cedar.statefulIsAuthorized({
    principal: request.principal,
    action: request.action,
    resource: request.resource,
    context: request.context,
    entities: request.entities,
    preparsedPolicySetId: policySetId,
  });
  if (answer.type !== 'success') fail(`the reference could not decide a request: ${answer.errors.map((e) => e.message).join('; ')}`);
  return answer.response;
}

const normalise = (response) => ({
  decision: response.decision,
  reasons: [...response.diagnostics.reason].sort(),
  errors: response.diagnostics.errors.map((e) => e.policyId).sort(),
});
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// --- 1. the whole set, parsed once --------------------------------------------------------------------
log('parsing the whole policy set');
let start = performance.now();
preparse('account', policies);
const preparseSeconds = seconds(start);
log(`parsed in ${preparseSeconds.toFixed(1)} s`);

// --- 2. every request, with the policies that can apply to its principal ----------------------------
log('deciding every request of the mix (each principal with its own policies)');
start = performance.now();
const byPrincipal = new Map();
requests.forEach((request, index) => {
  const key = principalAndAncestors(request).join('\n');
  if (!byPrincipal.has(key)) byPrincipal.set(key, []);
  byPrincipal.get(key).push(index);
});
const answers = new Array(requests.length);
let sliceSizes = 0;
for (const [key, indexes] of byPrincipal) {
  const slice = sliceFor(key.split('\n'));
  sliceSizes += Object.keys(slice).length;
  preparse('slice', slice);
  for (const index of indexes) answers[index] = normalise(decide(requests[index], 'slice'));
}
const checkSeconds = seconds(start);
const allowed = answers.filter((a) => a.decision === 'allow').length;
log(`decided ${requests.length} requests in ${checkSeconds.toFixed(1)} s (${allowed} allowed; ${byPrincipal.size} principals, ${Math.round(sliceSizes / byPrincipal.size)} policies each on average)`);
writeFileSync(join(dir, 'reference-decisions.json'), JSON.stringify(answers));

// --- 3. timed: the whole set -------------------------------------------------------------------------
let cursor = 0;
let comparedWithWholeSet = 0;
function wholeSetRound(minimumSeconds) {
  const decided = [];
  const roundStart = performance.now();
  do {
    const index = cursor;
    cursor = (cursor + 1) % requests.length;
    decided.push([index, decide(requests[index], 'account')]);
  } while (seconds(roundStart) < minimumSeconds);
  const elapsed = seconds(roundStart);
  for (const [index, response] of decided) {
    if (!same(normalise(response), answers[index])) {
      fail(`request #${index}: the whole set answers ${JSON.stringify(normalise(response))}, the principal's policies ${JSON.stringify(answers[index])}`);
    }
  }
  comparedWithWholeSet += decided.length;
  return { requests: decided.length, seconds: Number(elapsed.toFixed(3)), decisionsPerSecond: decided.length / elapsed };
}
log('warming up with the whole set');
wholeSetRound(Math.min(roundSeconds, 3));
const wholeSetRounds = [];
for (let r = 0; r < rounds; r++) {
  wholeSetRounds.push(wholeSetRound(roundSeconds));
  const last = wholeSetRounds.at(-1);
  log(`whole set, round ${r + 1}: ${last.requests} requests in ${last.seconds} s, ${last.decisionsPerSecond.toPrecision(4)} decisions/s`);
}

// --- 4. timed: each principal's policies parsed ahead ------------------------------------------------
const sample = requests.slice(0, Math.min(slicedRequests, requests.length));
const sliceIds = new Map();
for (const request of sample) {
  const key = principalAndAncestors(request).join('\n');
  if (!sliceIds.has(key)) {
    const id = `principal${sliceIds.size}`;
    preparse(id, sliceFor(key.split('\n')));
    sliceIds.set(key, id);
  }
}
const sampleSets = sample.map((request) => sliceIds.get(principalAndAncestors(request).join('\n')));
function slicedRound() {
  const responses = new Array(sample.length);
  const roundStart = performance.now();
  for (let i = 0; i < sample.length; i++) responses[i] = decide(sample[i], sampleSets[i]);
  const elapsed = seconds(roundStart);
  responses.forEach((response, i) => {
    if (!same(normalise(response), answers[i])) fail(`request #${i}: the principal's preparsed policies answer differently on the second pass`);
  });
  return { requests: sample.length, seconds: Number(elapsed.toFixed(3)), decisionsPerSecond: sample.length / elapsed };
}
log(`warming up with ${sliceIds.size} principals' policies parsed ahead`);
slicedRound();
const slicedRoundsResults = [];
for (let r = 0; r < slicedRounds; r++) {
  slicedRoundsResults.push(slicedRound());
  const last = slicedRoundsResults.at(-1);
  log(`principal's policies, round ${r + 1}: ${last.requests} requests in ${last.seconds} s, ${last.decisionsPerSecond.toPrecision(4)} decisions/s`);
}

// --- report -------------------------------------------------------------------------------------------
const figures = {
  engine: `@cedar-policy/cedar-wasm ${JSON.parse(readFileSync(new URL('./node_modules/@cedar-policy/cedar-wasm/package.json', import.meta.url), 'utf8')).version} (Cedar ${cedar.getCedarVersion()})`,
  node: process.version,
  policies: policyIds.length,
  requests: requests.length,
  allowed,
  preparseSeconds: Number(preparseSeconds.toFixed(2)),
  checkSeconds: Number(checkSeconds.toFixed(2)),
  averageSlicePolicies: Math.round(sliceSizes / byPrincipal.size),
  comparedWithWholeSet,
  wholeSet: { rounds: wholeSetRounds, medianDecisionsPerSecond: median(wholeSetRounds.map((r) => r.decisionsPerSecond)) },
  principalSlices: {
    principals: sliceIds.size,
    rounds: slicedRoundsResults,
    medianDecisionsPerSecond: median(slicedRoundsResults.map((r) => r.decisionsPerSecond)),
  },
};
writeFileSync(join(dir, 'reference-figures.json'), JSON.stringify(figures, null, 2));
console.log(`reference, whole set: ${figures.wholeSet.medianDecisionsPerSecond.toPrecision(4)} decisions/s (median of ${rounds} rounds)`);
console.log(`reference, principal's policies parsed ahead: ${figures.principalSlices.medianDecisionsPerSecond.toPrecision(4)} decisions/s (median of ${slicedRounds} rounds)`);
