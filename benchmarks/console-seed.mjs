// Seeds the account of benchmarks/console.sh and writes the console pages wrk asks for, each with the text its answer
// must hold.
//
//   node console-seed.mjs <base_url> <account_id> <key:secret> <root_invitation_url> <out_dir> <sqlite|postgresql> <database> \
//     [users] [groups] [product_environments] [concurrency]
//
// <database> is the SQLite file, or for PostgreSQL a libpq connection string (psql's), of the database the server uses.
//
// 1. Product environments through the Provisioning API (POST sub_accounts).
// 2. Users, groups, group memberships and the users' named product environments straight into the database, in one
//    transaction of INSERT … SELECT over a generated series (sqlite3 or psql): 100,000 users a second or so, where the
//    API takes minutes. The rows are what the API writes (the root user's row is the template for the columns the seed
//    does not vary), and the account's count of live users is raised by the live users added. The spread:
//      - status: 10 % inactive (deleted), 30 % pending, 60 % active (with a last sign-in); 1 % disabled;
//      - names "First Last" from 50 first and 40 last names, e-mails first.lastN@<tag>.example;
//      - product environments: 75 % with all of them, the others with 1–3 named;
//      - groups "Team <word> <n>": every live user in 0–3 of them, and groups 1–9 with 5,000 members more each.
// 3. Roles through the Permissions API (PUT …/roles/{role_id}/principals, 100 principals a call), so that the
//    assignments are exactly what Roster writes: Media Library User on one product environment for every fifth live
//    user, Reports (account) for every tenth, Admin (product environments, all) for every fiftieth.
// 4. The root user accepts its invitation (the set-password form, as a browser posts it): its roster_session cookie is
//    the console session every request of the run carries.
// 5. Every page of the run is fetched once by hand and must show the count this seed predicts (computed here from the
//    same rules as the SQL), which is also the text wrk checks in every answer.
//
// Writes <out_dir>/pages.tsv (scenario, path, expected text; a line per page), <out_dir>/cookie.txt (the Cookie header)
// and <out_dir>/seed.json (counts and timings). Exits non-zero on the first unexpected answer.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const [base, accountId, credentials, invitationUrl, outDir, dialect, database, usersArg, groupsArg, pesArg, concurrencyArg] =
  process.argv.slice(2);
if (!base || !accountId || !credentials || !invitationUrl || !outDir || !['sqlite', 'postgresql'].includes(dialect) || !database) {
  console.error('usage: node console-seed.mjs <base_url> <account_id> <key:secret> <root_invitation_url> <out_dir> <sqlite|postgresql> <database> [users] [groups] [product_environments] [concurrency]');
  process.exit(2);
}
const userCount = Number(usersArg ?? 100000);
const groupCount = Number(groupsArg ?? 10000);
const peCount = Number(pesArg ?? 20);
const concurrency = Number(concurrencyArg ?? 8);
if (groupCount < 10 || peCount < 1 || userCount < 100) {
  console.error('at least 100 users, 10 groups and 1 product environment');
  process.exit(2);
}
const auth = 'Basic ' + Buffer.from(credentials).toString('base64');
const provisioning = `/v1_1/provisioning/accounts/${accountId}`;
const permissions = `/v2/accounts/${accountId}/permissions`;
const log = (message) => console.error(`[seed ${new Date().toISOString().slice(11, 19)}] ${message}`);
const fail = (message) => {
  console.error(`FAIL: ${message}`);
  process.exit(1);
};
const seconds = (since) => Number(((Date.now() - since) / 1000).toFixed(1));
const timings = {};

// --- the Provisioning and Permissions APIs ----------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
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
async function ok(method, route, body) {
  const { status, text } = await call(method, route, body);
  if (status !== 200) fail(`${method} ${route} answered ${status}: ${text.slice(0, 300)}`);
  return text.length > 0 ? JSON.parse(text) : null;
}
async function each(label, items, fn) {
  const started = Date.now();
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      await fn(items[i], i);
    }
  }));
  const s = seconds(started);
  log(`${label}: ${items.length} in ${s} s`);
  return s;
}

const tag = crypto.randomBytes(4).toString('hex');
const productEnvironments = new Array(peCount);
timings.productEnvironments = await each('product environments (POST sub_accounts)', productEnvironments, async (_, k) => {
  productEnvironments[k] = (await ok('POST', `${provisioning}/sub_accounts`, { name: `Console bench ${tag} ${k + 1}` })).id;
});

// --- the rules of the spread (the SQL below and the expected counts both follow them) -----------------------------------

const firstNames = ['Aaron', 'Abigail', 'Adam', 'Alice', 'Amir', 'Anna', 'Ben', 'Carla', 'Chen', 'Daniel', 'David', 'Elena', 'Emma',
  'Eva', 'Farah', 'George', 'Hana', 'Ivan', 'Jack', 'James', 'Julia', 'Kai', 'Laura', 'Leo', 'Lina', 'Luca', 'Maria', 'Mark',
  'Marta', 'Maya', 'Nina', 'Noah', 'Olga', 'Omar', 'Paul', 'Priya', 'Rachel', 'Ravi', 'Rosa', 'Sam', 'Sara', 'Sofia', 'Tariq',
  'Tom', 'Uma', 'Victor', 'Wei', 'Yara', 'Yusuf', 'Zoe'];
const lastNames = ['Adams', 'Ahmed', 'Baker', 'Brown', 'Chen', 'Cohen', 'Costa', 'Davis', 'Dubois', 'Evans', 'Fischer', 'Garcia',
  'Green', 'Gupta', 'Hall', 'Ito', 'Jones', 'Kim', 'Kowalski', 'Lee', 'Lopez', 'Martin', 'Meyer', 'Miller', 'Moreau', 'Nguyen',
  'Novak', 'Okafor', 'Park', 'Patel', 'Rossi', 'Silva', 'Smith', 'Suzuki', 'Taylor', 'Walker', 'Wang', 'Weber', 'Wilson', 'Young'];
const words = ['design', 'devops', 'editors', 'finance', 'legal', 'marketing', 'media', 'ops', 'photo', 'product', 'qa', 'sales',
  'security', 'social', 'support', 'video', 'web', 'archive', 'brand', 'content'];
const first = (i) => firstNames[i % 50];
const last = (i) => lastNames[Math.floor(i / 50) % 40];
const status = (i) => (i % 10 === 0 ? 'inactive' : i % 10 <= 3 ? 'pending' : 'active');
const live = (i) => i % 10 !== 0;
const allProductEnvironments = (i) => i % 4 !== 0;
const namedProductEnvironments = (i) => Array.from({ length: Math.floor(i / 4) % 3 + 1 }, (_, m) => (i + m * 7) % peCount);
const regularGroups = (i) => Array.from({ length: i % 4 }, (_, k) => (i * 7 + (k + 1) * 1237) % groupCount + 1);
const bigGroup = (i) => (i % 20 >= 1 && i % 20 <= 9 ? i % 20 : null);
const groupName = (j) => `Team ${words[j % words.length]} ${j}`;

// --- the database ------------------------------------------------------------------------------------------------------

const userTag = crypto.randomBytes(12).toString('hex');
const groupTag = crypto.randomBytes(12).toString('hex');
const sqlite = dialect === 'sqlite';
const hex8 = (x) => (sqlite ? `printf('%08x', ${x})` : `lpad(to_hex(${x}), 8, '0')`);
const userId = (x) => `'${userTag}' || ${hex8(x)}`;
const groupId = (x) => `'${groupTag}' || ${hex8(x)}`;
// SQLite stores a DateTimeOffset as ((ticks / 1000) << 11) | offset minutes (EF Core's binary form, offset 0 here).
const now = Date.now();
const sqliteTime = (ms) => ((BigInt(ms) * 10000n + 621355968000000000n) / 1000n) * 2048n;
const secondsBefore = (x) => (sqlite ? `(${sqliteTime(now)} - (${x}) * 20480000)` : `(timestamptz '${new Date(now).toISOString()}' - (${x}) * interval '1 second')`);
const series = (name, count) => `WITH RECURSIVE ${name}(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM ${name} WHERE i < ${count})`;
const quote = (s) => `'${s.replace(/'/g, "''")}'`;
const values = (list) => list.map((v, k) => `(${k}, ${quote(v)})`).join(', ');
const liveAdded = Array.from({ length: userCount }, (_, i) => i + 1).filter(live).length;

const sql = `
BEGIN;
CREATE TEMP TABLE seed_first (k INTEGER PRIMARY KEY, v TEXT NOT NULL);
CREATE TEMP TABLE seed_last (k INTEGER PRIMARY KEY, v TEXT NOT NULL);
CREATE TEMP TABLE seed_word (k INTEGER PRIMARY KEY, v TEXT NOT NULL);
CREATE TEMP TABLE seed_pe (k INTEGER PRIMARY KEY, v TEXT NOT NULL);
INSERT INTO seed_first (k, v) VALUES ${values(firstNames)};
INSERT INTO seed_last (k, v) VALUES ${values(lastNames)};
INSERT INTO seed_word (k, v) VALUES ${values(words)};
INSERT INTO seed_pe (k, v) VALUES ${values(productEnvironments)};

${series('s', userCount)}
INSERT INTO "Users" ("Id", "AccountId", "Name", "Email", "EmailNormalized", "NameNormalized", "Role", "Status", "Enabled", "IsRoot",
  "AllProductEnvironments", "SecurityStamp", "LastLoginAt", "CreatedAt", "UpdatedAt", "DeletedAt", "EmailPreferences")
SELECT ${userId('s.i')}, r."AccountId", f.v || ' ' || l.v,
  lower(f.v || '.' || l.v) || s.i || '@${tag}.example', lower(f.v || '.' || l.v) || s.i || '@${tag}.example', lower(f.v || ' ' || l.v),
  'media_library_user',
  CASE WHEN s.i % 10 = 0 THEN 'inactive' WHEN s.i % 10 <= 3 THEN 'pending' ELSE 'active' END,
  (s.i % 97 <> 0), (1 = 0), (s.i % 4 <> 0), ${userId('s.i')},
  CASE WHEN s.i % 10 > 3 THEN ${secondsBefore('s.i % 100000')} END,
  ${secondsBefore(`${userCount} - s.i + 3600`)}, ${secondsBefore(`${userCount} - s.i + 3600`)},
  CASE WHEN s.i % 10 = 0 THEN ${secondsBefore('1')} END, '{}'
FROM s JOIN seed_first f ON f.k = s.i % 50 JOIN seed_last l ON l.k = (s.i / 50) % 40
  JOIN "Users" r ON r."AccountId" = '${accountId}' AND r."IsRoot";

${series('s', groupCount)}
INSERT INTO "UserGroups" ("Id", "AccountId", "Name", "NameNormalized", "CreatedAt", "UpdatedAt")
SELECT ${groupId('s.i')}, '${accountId}', 'Team ' || w.v || ' ' || s.i, lower('Team ' || w.v || ' ' || s.i),
  ${secondsBefore(`${groupCount} - s.i + 3600`)}, ${secondsBefore(`${groupCount} - s.i + 3600`)}
FROM s JOIN seed_word w ON w.k = s.i % ${words.length};

${series('s', userCount)}, k(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM k WHERE k < 3)
INSERT INTO "GroupMemberships" ("GroupId", "UserId", "CreatedAt")
SELECT ${groupId(`(s.i * 7 + k.k * 1237) % ${groupCount} + 1`)}, ${userId('s.i')}, ${secondsBefore('60')}
FROM s JOIN k ON k.k <= s.i % 4 WHERE s.i % 10 <> 0;

${series('s', userCount)}
INSERT INTO "GroupMemberships" ("GroupId", "UserId", "CreatedAt")
SELECT ${groupId('s.i % 20')}, ${userId('s.i')}, ${secondsBefore('60')}
FROM s WHERE s.i % 20 BETWEEN 1 AND 9
ON CONFLICT DO NOTHING;

${series('s', userCount)}, m(m) AS (SELECT 0 UNION ALL SELECT m + 1 FROM m WHERE m < 2)
INSERT INTO "UserProductEnvironments" ("UserId", "ProductEnvironmentId")
SELECT DISTINCT ${userId('s.i')}, p.v
FROM s JOIN m ON m.m <= (s.i / 4) % 3 JOIN seed_pe p ON p.k = (s.i + m.m * 7) % ${peCount}
WHERE s.i % 4 = 0 AND s.i % 10 <> 0;

UPDATE "Accounts" SET "LiveUsers" = "LiveUsers" + ${liveAdded} WHERE "Id" = '${accountId}';
COMMIT;
`;
fs.writeFileSync(path.join(outDir, 'seed.sql'), sql);
let started = Date.now();
if (sqlite) {
  execFileSync('sqlite3', ['-bail', database], { input: `PRAGMA busy_timeout = 30000;\n${sql}`, stdio: ['pipe', 'ignore', 'inherit'] });
} else {
  // PostgreSQL's autovacuum vacuums and analyzes tables this size soon after such a load; done now rather than whenever
  // it comes round. (SQLite has no statistics unless someone runs ANALYZE, and Roster does not, so none are made there.)
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', database], { input: sql, stdio: ['pipe', 'ignore', 'inherit'] });
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', database, '-c', 'VACUUM ANALYZE'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
timings.database = seconds(started);
log(`users, groups, memberships and product environments written to the database: ${timings.database} s`);

// --- roles, through the Permissions API ---------------------------------------------------------------------------------

const idOf = (i) => userTag + i.toString(16).padStart(8, '0');
const grants = [];
const ML_USER = 'cld::role::prodenv::ml_user';
for (let i = 1; i <= userCount; i++) {
  if (!live(i)) continue;
  if (i % 5 === 1) grants.push([ML_USER, { principal_type: 'user', principal_id: idOf(i), scope_id: productEnvironments[i % peCount] }]);
  if (i % 10 === 2) grants.push(['cld::role::account::reports', { principal_type: 'user', principal_id: idOf(i) }]);
  if (i % 50 === 3) grants.push(['cld::role::prodenv::admin', { principal_type: 'user', principal_id: idOf(i), scope_id: 'all' }]);
}
const batches = [];
for (const role of new Set(grants.map(([r]) => r))) {
  const principals = grants.filter(([r]) => r === role).map(([, p]) => p);
  for (let i = 0; i < principals.length; i += 100) batches.push([role, principals.slice(i, i + 100)]);
}
timings.grants = await each(`role grants (${grants.length}, in ${batches.length} calls)`, batches, async ([role, principals]) => {
  await ok('PUT', `${permissions}/roles/${encodeURIComponent(role)}/principals`, { operation: 'add', principals });
});
agent.destroy();

// --- the root user's console session ------------------------------------------------------------------------------------

async function send(method, route, { cookies, form } = {}) {
  const headers = {};
  if (cookies.size > 0) headers.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  let body;
  if (form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  const response = await fetch(new URL(route, base), { method, headers, body, redirect: 'manual' });
  const text = await response.text();
  for (const c of response.headers.getSetCookie()) {
    const pair = c.split(';')[0];
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) cookies.delete(name);
    else cookies.set(name, value);
  }
  return { status: response.status, location: response.headers.get('location'), text };
}
const htmlDecode = (s) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&');
const attribute = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return m ? htmlDecode(m[1]) : null;
};
function formInputs(html) {
  const form = html.match(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i);
  if (!form) return null;
  return [...form[1].matchAll(/<input\b[^>]*>/gi)]
    .map((m) => ({ name: attribute(m[0], 'name'), value: attribute(m[0], 'value') ?? '', autocomplete: attribute(m[0], 'autocomplete') }))
    .filter((i) => i.name);
}

const cookies = new Map();
const link = new URL(invitationUrl);
const invitation = `${link.pathname}${link.search}`;
const page = await send('GET', invitation, { cookies });
if (page.status !== 200) fail(`GET ${invitation} answered ${page.status}`);
const inputs = formInputs(page.text);
const passwordField = inputs?.find((i) => i.autocomplete === 'new-password');
if (!passwordField) fail('the invitation page has no new-password field');
const password = crypto.randomBytes(15).toString('base64url');
const posted = await send('POST', invitation, { cookies, form: inputs.map((i) => [i.name, i === passwordField ? password : i.value]) });
if (posted.status !== 302 || posted.location !== '/console' || !cookies.get('roster_session')) {
  fail(`accepting the root user's invitation answered ${posted.status} ${posted.location ?? ''}`);
}
const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');

// --- the pages and what each must show ----------------------------------------------------------------------------------

const n0 = (x) => x.toLocaleString('en-US');
const liveUsers = [];
for (let i = 1; i <= userCount; i++) if (live(i)) liveUsers.push(i);
const total = liveUsers.length + 1; // and the root user, active now, with every product environment
const showing = (pageNumber, count) =>
  `Showing ${n0((pageNumber - 1) * 50 + 1)}–${n0(Math.min(pageNumber * 50, count))} of ${n0(count)} ${count === 1 ? 'user' : 'users'}.`;
const search = 'mar';
const searched = liveUsers.filter((i) => first(i).toLowerCase().startsWith(search) || `${first(i)}.${last(i)}`.toLowerCase().startsWith(search)).length;
const pending = liveUsers.filter((i) => status(i) === 'pending').length;
const mlUsers = liveUsers.filter((i) => i % 5 === 1).length;
const bigGroupMembers = liveUsers.filter((i) => bigGroup(i) === 1 || regularGroups(i).includes(1)).length;
const onFirstPe = liveUsers.filter((i) => allProductEnvironments(i) || namedProductEnvironments(i).includes(0)).length + 1;
const groupSearch = 'ops';
const groupsFound = Array.from({ length: groupCount }, (_, j) => groupName(j + 1).toLowerCase()).filter((g) => g.includes(groupSearch)).length;
const lastGroupPage = Math.ceil(groupCount / 50);
const deepUsersPage = Math.min(500, Math.ceil(total / 50));
const firstGroup = `${groupTag}${(1).toString(16).padStart(8, '0')}`;
const pages = [
  ['users', '/console/users', showing(1, total)],
  ['users_search', `/console/users?q=${search}`, showing(1, searched)],
  ['users_status', '/console/users?status=pending', showing(1, pending)],
  ['users_role', `/console/users?role=${encodeURIComponent(ML_USER)}`, showing(1, mlUsers)],
  ['users_group', `/console/users?group=${firstGroup}`, showing(1, bigGroupMembers)],
  ['users_pe', `/console/users?pe=${productEnvironments[0]}`, showing(1, onFirstPe)],
  ['users_page', `/console/users?page=${deepUsersPage}`, showing(deepUsersPage, total)],
  ['groups', '/console/groups', `${n0(groupCount).replace(/,/g, '')} groups</p>`],
  ['groups_search', `/console/groups?q=${groupSearch}`, `${groupsFound} groups match</p>`],
  ['groups_page', `/console/groups?p=${lastGroupPage}`, `${n0(groupCount).replace(/,/g, '')} groups</p>`],
];
started = Date.now();
for (const [scenario, route, expected] of pages) {
  const t = Date.now();
  const answer = await send('GET', route, { cookies: new Map(cookies) });
  if (answer.status !== 200) fail(`${scenario}: GET ${route} answered ${answer.status} ${answer.location ?? ''}`);
  if (!answer.text.includes(expected)) {
    const shown = answer.text.match(/data-testid="(?:users-count|groups-total)"[^>]*>\s*([^<]*)/)?.[1]?.trim();
    fail(`${scenario}: GET ${route} does not show "${expected}" (it shows "${shown ?? '?'}")`);
  }
  const rows = (answer.text.match(/data-testid="(?:user|group)-row"/g) ?? []).length;
  if (rows === 0) fail(`${scenario}: GET ${route} lists no rows`);
  log(`${scenario}: ${route} → "${expected}", ${rows} rows, first answer in ${Date.now() - t} ms`);
}
timings.pagesChecked = seconds(started);

fs.writeFileSync(path.join(outDir, 'pages.tsv'), pages.map((p) => p.join('\t')).join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'cookie.txt'), cookie + '\n');
fs.writeFileSync(path.join(outDir, 'seed.json'), JSON.stringify({
  users: userCount, liveUsers: total, groups: groupCount, productEnvironments: peCount, grants: grants.length,
  seconds: timings,
}, null, 2));
