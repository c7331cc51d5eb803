// Seeds the users of benchmarks/sign-in.sh and writes what wrk sends: for each user, a sign-in form post as a browser
// sends it, and a signed-in session for GET /console.
//
//   node sign-in-seed.mjs <base_url> <account_id> <key:secret> <users> <mail_dir> <out_dir> <tag> [concurrency]
//
// 1. Creates <users> users through the Provisioning API (POST users; e-mails signinNNN.<tag>@bench.example).
// 2. Reads each user's invitation from the .eml files the server writes to <mail_dir> (no mail server is set), and
//    accepts it as a browser does: opens /console/invitation?token=…, keeps the antiforgery cookie, and posts the form
//    with its hidden fields and a random 20-character password in the field whose autocomplete is "new-password".
// 3. For each user, opens /console/sign-in once with no cookies (the antiforgery cookie and the hidden __antiforgery
//    value, which stay good together and are reused by every sign-in of that user), signs in once by hand (302 to
//    /console with a roster_session cookie) and opens /console with that session (200, the home page).
// 4. Checks that the raised per-address throttle is in force: failed sign-ins beyond the default limit (30) from this
//    one address are still answered with the sign-in page, not 429.
//
// Writes <out_dir>/sign-in-requests.txt (a line per user: the Cookie header, a tab, the urlencoded form body),
// <out_dir>/console-requests.txt (a line per user: the Cookie header with the antiforgery and session cookies) and
// <out_dir>/seed.json (counts and timings). Exits non-zero on the first answer that is not the expected one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const [base, accountId, credentials, usersArg, mailDir, outDir, tag, concurrencyArg] = process.argv.slice(2);
if (!base || !accountId || !credentials || !usersArg || !mailDir || !outDir || !tag) {
  console.error('usage: node sign-in-seed.mjs <base_url> <account_id> <key:secret> <users> <mail_dir> <out_dir> <tag> [concurrency]');
  process.exit(2);
}
const count = Number(usersArg);
const concurrency = Number(concurrencyArg ?? 8);
const auth = 'Basic ' + Buffer.from(credentials).toString('base64');
const log = (message) => console.error(`[seed ${new Date().toISOString().slice(11, 19)}] ${message}`);
const fail = (message) => {
  console.error(`FAIL: ${message}`);
  process.exit(1);
};
const seconds = (since) => Number(((Date.now() - since) / 1000).toFixed(1));

// --- HTTP as a browser without JavaScript: cookies by hand, no redirects followed -------------------------------------

/** Sends one request (a form or a JSON body); `cookies` is a Map of name → value, updated from the answer's Set-Cookie headers. */
async function send(method, route, { cookies, form, json, headers = {} } = {}) {
  const h = { ...headers };
  if (cookies && cookies.size > 0) h.Cookie = cookieHeader(cookies);
  let body;
  if (form) {
    h['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  } else if (json) {
    h['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  }
  const response = await fetch(new URL(route, base), { method, headers: h, body, redirect: 'manual' });
  const text = await response.text();
  const setCookies = response.headers.getSetCookie();
  if (cookies) {
    for (const c of setCookies) {
      const pair = c.split(';')[0];
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) cookies.delete(name);
      else cookies.set(name, value);
    }
  }
  return { status: response.status, location: response.headers.get('location'), setCookies, text };
}

const cookieHeader = (cookies) => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');

const htmlDecode = (s) =>
  s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&');

const attribute = (tag, name) => {
  const m = tag.match(new RegExp(`\\s${name}="([^"]*)"`));
  return m ? htmlDecode(m[1]) : null;
};

/** The named inputs of the page's first form, in order: [{ name, value, type, autocomplete }]. */
function formInputs(html) {
  const form = html.match(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i);
  if (!form) return null;
  return [...form[1].matchAll(/<input\b[^>]*>/gi)]
    .map((m) => ({
      name: attribute(m[0], 'name'),
      value: attribute(m[0], 'value') ?? '',
      type: attribute(m[0], 'type') ?? 'text',
      autocomplete: attribute(m[0], 'autocomplete'),
    }))
    .filter((i) => i.name);
}

// --- the invitation e-mails ---------------------------------------------------------------------------------------------

/** A MIME part's body decoded by its Content-Transfer-Encoding (quoted-printable, base64, or as it is). */
function decodeBody(headers, body) {
  const encoding = (headers.match(/^content-transfer-encoding:\s*(\S+)/im)?.[1] ?? '').toLowerCase();
  if (encoding === 'quoted-printable') {
    const bytes = [];
    const soft = body.replace(/=\r?\n/g, '');
    for (let i = 0; i < soft.length; i++) {
      if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
        bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(soft[i], 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** Splits a message (or a part) into its header block (continuation lines unfolded) and its body. */
function splitMessage(text) {
  const m = text.match(/\r?\n\r?\n/);
  if (!m) return { headers: text, body: '' };
  return { headers: text.slice(0, m.index).replace(/\r?\n[ \t]+/g, ' '), body: text.slice(m.index + m[0].length) };
}

/** The decoded text of every leaf part of a message. */
function texts(text) {
  const { headers, body } = splitMessage(text);
  const boundary = headers.match(/^content-type:\s*multipart\/[^;]+;.*?boundary="?([^";\r\n]+)"?/im)?.[1];
  if (!boundary) return [decodeBody(headers, body)];
  return body.split('--' + boundary).slice(1).filter((p) => !p.startsWith('--')).flatMap((p) => texts(p.replace(/^\r?\n/, '')));
}

/** { to, link } of an invitation .eml: the address it went to and the path and query of its invitation link. */
function readInvitation(file) {
  const raw = fs.readFileSync(file, 'latin1');
  const { headers } = splitMessage(raw);
  const toLine = headers.match(/^to:\s*(.*)$/im)?.[1] ?? '';
  const to = (toLine.match(/<([^>]+)>/)?.[1] ?? toLine).trim().toLowerCase();
  const decoded = texts(Buffer.from(raw, 'latin1').toString('utf8')).join('\n');
  const link = decoded.match(/\/console\/invitation\?token=[A-Za-z0-9_\-.~%]+/)?.[0];
  return { to, link };
}

async function waitForInvitations(emails, timeoutMs) {
  const wanted = new Set(emails);
  const links = new Map();
  const seen = new Set();
  const deadline = Date.now() + timeoutMs;
  while (links.size < wanted.size) {
    if (Date.now() > deadline) fail(`only ${links.size} of ${wanted.size} invitation e-mails appeared in ${mailDir}`);
    const names = fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((n) => n.endsWith('-invitation.eml')) : [];
    for (const name of names) {
      if (seen.has(name)) continue;
      const { to, link } = readInvitation(path.join(mailDir, name));
      if (!link) {
        // The sender may still be writing the file: read it again on the next look.
        continue;
      }
      seen.add(name);
      if (wanted.has(to)) links.set(to, link);
    }
    if (links.size < wanted.size) await new Promise((r) => setTimeout(r, 250));
  }
  return links;
}

// --- the steps ------------------------------------------------------------------------------------------------------

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

const timings = {};
const users = Array.from({ length: count }, (_, i) => {
  const n = String(i + 1).padStart(3, '0');
  return { name: `Sign-in bench ${n}`, email: `signin${n}.${tag}@bench.example`, password: crypto.randomBytes(15).toString('base64url') };
});

timings.users = await each('users created (POST users)', users, async (u) => {
  const { status, text } = await send('POST', `/v1_1/provisioning/accounts/${accountId}/users`, {
    headers: { Authorization: auth }, json: { name: u.name, email: u.email },
  });
  if (status !== 200) fail(`POST users for ${u.email} answered ${status}: ${text.slice(0, 300)}`);
  u.id = JSON.parse(text).id;
});

let started = Date.now();
const links = await waitForInvitations(users.map((u) => u.email), 120_000);
timings.invitationMail = seconds(started);
log(`invitation e-mails read: ${links.size} in ${timings.invitationMail} s`);

timings.passwords = await each('invitations accepted (set-password form)', users, async (u) => {
  const cookies = new Map();
  const link = links.get(u.email);
  const page = await send('GET', link, { cookies });
  if (page.status !== 200) fail(`GET ${link} answered ${page.status}`);
  const inputs = formInputs(page.text);
  const password = inputs?.find((i) => i.autocomplete === 'new-password');
  if (!password) fail(`the invitation page of ${u.email} has no new-password field: ${page.text.slice(0, 300)}`);
  if (!inputs.some((i) => i.name === '__antiforgery') || !cookies.has('roster_antiforgery')) {
    fail(`the invitation page of ${u.email} gave no antiforgery token or cookie`);
  }
  const form = inputs.map((i) => [i.name, i === password ? u.password : i.value]);
  const posted = await send('POST', link, { cookies, form });
  if (posted.status !== 302 || posted.location !== '/console' || !cookies.get('roster_session')) {
    const error = posted.text.match(/data-testid="password-error">([^<]*)/)?.[1];
    fail(`setting the password of ${u.email} answered ${posted.status} ${posted.location ?? ''}${error ? `: ${htmlDecode(error)}` : ''}`);
  }
});

const signInLines = new Array(count);
const consoleLines = new Array(count);
timings.signIns = await each('sign-in pages fetched, signed in once, /console checked', users, async (u, i) => {
  const cookies = new Map();
  const page = await send('GET', '/console/sign-in', { cookies });
  if (page.status !== 200) fail(`GET /console/sign-in answered ${page.status}`);
  const inputs = formInputs(page.text) ?? [];
  const antiforgery = inputs.find((x) => x.name === '__antiforgery')?.value;
  const cookie = cookies.get('roster_antiforgery');
  if (!antiforgery || !cookie) fail('the sign-in page gave no antiforgery token or cookie');
  // The form as a browser posts it: its fields in order, the user's e-mail and password filled in.
  const fields = inputs.map((x) => [x.name, x.name === 'email' ? u.email : x.name === 'password' ? u.password : x.value]);
  if (!fields.some(([n]) => n === 'email') || !fields.some(([n]) => n === 'password')) fail('the sign-in form has no email or password field');
  const body = new URLSearchParams(fields).toString();
  const antiforgeryCookie = `roster_antiforgery=${cookie}`;
  signInLines[i] = `${antiforgeryCookie}\t${body}`;

  const posted = await send('POST', '/console/sign-in', { cookies, form: fields });
  const session = cookies.get('roster_session');
  if (posted.status !== 302 || posted.location !== '/console' || !session) {
    fail(`signing in as ${u.email} answered ${posted.status} ${posted.location ?? ''} ${posted.text.slice(0, 200)}`);
  }
  const home = await send('GET', '/console', { cookies });
  if (home.status !== 200 || !home.text.includes('<h1>Welcome, ') || !home.text.includes('You are signed in to ') || !home.text.includes(u.email)) {
    fail(`GET /console as ${u.email} answered ${home.status} ${home.location ?? ''}`);
  }
  consoleLines[i] = `${antiforgeryCookie}; roster_session=${session}`;
});

// More failures from this address than the default per-address limit (30) allows: with the raised limit each is still
// answered with the sign-in page and its error, never 429. Unknown addresses, so no user's lock count moves.
started = Date.now();
const probe = new Map();
const probePage = await send('GET', '/console/sign-in', { cookies: probe });
const probeToken = formInputs(probePage.text)?.find((x) => x.name === '__antiforgery')?.value ?? '';
const probes = 35;
for (let i = 0; i < probes; i++) {
  const r = await send('POST', '/console/sign-in', {
    cookies: probe,
    form: [['return_url', ''], ['email', `nobody${i}.${tag}@bench.example`], ['password', 'wrong password, on purpose'], ['__antiforgery', probeToken]],
  });
  if (r.status !== 200 || !r.text.includes('data-testid="sign-in-error"')) {
    fail(`failed sign-in ${i + 1} of ${probes} answered ${r.status}: is Roster__SignIn__FailuresPerAddress raised?`);
  }
}
timings.throttleCheck = seconds(started);
log(`throttle check: ${probes} failed sign-ins from one address, none refused (${timings.throttleCheck} s)`);

fs.writeFileSync(path.join(outDir, 'sign-in-requests.txt'), signInLines.join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'console-requests.txt'), consoleLines.join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'seed.json'), JSON.stringify({ users: count, seconds: timings }, null, 2));
