// Seeds one account of a running Roster with the generated realistic account (account-plan.json, written by
// `Roster.Benchmarks plan`) through the real APIs, writes the authorize request bodies for wrk, and checks
// that the server decides every request of the mix as Roster's engine did when the plan was written.
//
//   node authorize-seed.mjs <base_url> <account_id> <key:secret> <plan.json> <out_dir> [concurrency]
//
// Provisioning API: product environments (POST sub_accounts), users (POST users), groups (POST user_groups)
// and memberships (POST user_groups/{id}/users/{user_id}). Permissions API: every grant through
// PUT /v2/accounts/{id}/permissions/roles/{role_id}/principals, 100 principals per call.
// Writes <out_dir>/bodies.jsonl (one POST …/permissions/authorize body a line) and <out_dir>/seed.json (counts
// and timings). Exits non-zero on any failed call or on any decision that differs from the plan's.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const [base, accountId, credentials, planFile, outDir, concurrencyArg] = process.argv.slice(2);
if (!base || !accountId || !credentials || !planFile || !outDir) {
  console.error('usage: node authorize-seed.mjs <base_url> <account_id> <key:secret> <plan.json> <out_dir> [concurrency]');
  process.exit(2);
}
const concurrency = Number(concurrencyArg ?? 16);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const auth = 'Basic ' + Buffer.from(credentials).toString('base64');
const provisioning = `/v1_1/provisioning/accounts/${accountId}`;
const permissions = `/v2/accounts/${accountId}/permissions`;
const log = (message) => console.error(`[seed ${new Date().toISOString().slice(11, 19)}] ${message}`);
const fail = (message) => {
  console.error(`FAIL: ${message}`);
  process.exit(1);
};

function call(method, route, body) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const headers = { Authorization: auth };
    if (data) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': data.length });
    const req = http.request(new URL(route, base), { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data ?? undefined);
  });
}

/** The parsed answer of a call that must answer 200; anything else ends the run. */
async function ok(method, route, body) {
  const { status, text } = await call(method, route, body);
  if (status !== 200) fail(`${method} ${route} answered ${status}: ${text.slice(0, 300)}`);
  return text.length > 0 ? JSON.parse(text) : null;
}

/** Runs fn over the items with `concurrency` calls in flight; logs progress. */
async function each(label, items, fn) {
  const started = Date.now();
  let next = 0;
  let done = 0;
  const step = Math.max(1, Math.ceil(items.length / 5));
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      await fn(items[i], i);
      if (++done % step === 0) log(`${label}: ${done}/${items.length}`);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (Date.now() - started) / 1000;
  log(`${label}: ${items.length} in ${seconds.toFixed(1)} s`);
  return seconds;
}

const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));
const timings = {};
const ids = { user: new Map(), group: new Map(), productEnvironment: new Map() };
const tag = Date.now().toString(36);

timings.productEnvironments = await each('product environments', plan.product_environments, async (pe, i) => {
  const created = await ok('POST', `${provisioning}/sub_accounts`, { name: `Bench ${tag} ${i + 1}` });
  ids.productEnvironment.set(pe, created.id);
});
timings.users = await each('users', plan.users, async (user, i) => {
  const name = `bench${String(i + 1).padStart(6, '0')}`;
  const created = await ok('POST', `${provisioning}/users`, { name, email: `${name}.${tag}@bench.example` });
  ids.user.set(user.id, created.id);
});
timings.groups = await each('groups', plan.groups, async (group, i) => {
  const created = await ok('POST', `${provisioning}/user_groups`, { name: `bench group ${tag} ${i + 1}` });
  ids.group.set(group, created.id);
});
const memberships = plan.users.flatMap((user) => user.groups.map((group) => [ids.group.get(group), ids.user.get(user.id)]));
timings.memberships = await each('group memberships', memberships, async ([group, user]) => {
  await ok('POST', `${provisioning}/user_groups/${group}/users/${user}`);
});

// Grants, 100 principals per call, by role.
const batches = [];
const byRole = new Map();
for (const grant of plan.grants) {
  if (!byRole.has(grant.role_id)) byRole.set(grant.role_id, []);
  byRole.get(grant.role_id).push({
    principal_type: grant.principal_type,
    principal_id: ids[grant.principal_type].get(grant.principal_id),
    ...(grant.scope_id ? { scope_id: ids.productEnvironment.get(grant.scope_id) } : {}),
    ...(grant.folder_id ? { policy_parameters: { folder_id: grant.folder_id } } : {}),
  });
}
for (const [role, principals] of byRole) {
  for (let i = 0; i < principals.length; i += 100) batches.push([role, principals.slice(i, i + 100)]);
}
timings.grants = await each(`grants (${plan.grants.length}, in ${batches.length} calls)`, batches, async ([role, principals]) => {
  await ok('PUT', `${permissions}/roles/${encodeURIComponent(role)}/principals`, { operation: 'add', principals });
});

// The request bodies, with the server's ids.
const bodies = plan.requests.map((r) => ({
  principal: { type: 'user', id: ids.user.get(r.user) },
  action: r.action,
  resource: {
    type: 'Asset',
    id: r.asset_id,
    product_environment_id: ids.productEnvironment.get(r.product_environment_id),
    ancestor_ids: r.ancestor_ids,
    ...(r.access_mode ? { access_mode: r.access_mode } : {}),
  },
}));
fs.writeFileSync(path.join(outDir, 'bodies.jsonl'), bodies.map((b) => JSON.stringify(b)).join('\n') + '\n');

// The first decision compiles the account's policies; then every request of the mix, 100 per batch call.
let started = Date.now();
await ok('POST', `${permissions}/authorize`, bodies[0]);
timings.firstDecision = (Date.now() - started) / 1000;
log(`first decision (compiles the account's policies): ${timings.firstDecision.toFixed(1)} s`);
const checks = [];
for (let i = 0; i < bodies.length; i += 100) checks.push(i);
let allowed = 0;
timings.check = await each('decisions checked', checks, async (offset) => {
  const answer = await ok('POST', `${permissions}/authorize/batch`, { requests: bodies.slice(offset, offset + 100) });
  answer.data.forEach((a, k) => {
    const i = offset + k;
    if (a.decision !== plan.expected[i]) {
      fail(`request #${i}: the server answers ${a.decision}, Roster's engine decided ${plan.expected[i]} (${JSON.stringify(bodies[i])})`);
    }
    if (a.decision === 'allow') allowed++;
  });
});
agent.destroy();

const summary = {
  productEnvironments: ids.productEnvironment.size,
  users: ids.user.size,
  groups: ids.group.size,
  memberships: memberships.length,
  grants: plan.grants.length,
  grantCalls: batches.length,
  requests: bodies.length,
  allowed,
  seconds: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Number(v.toFixed(1))])),
};
fs.writeFileSync(path.join(outDir, 'seed.json'), JSON.stringify(summary, null, 2));
log(`every one of the ${bodies.length} decisions equals the plan's (${allowed} allowed)`);
