// A real OpenID Connect provider (npm oidc-provider) on loopback, for Roster's external sign-in tests: the authorization
// code flow with PKCE required (the request pushed first, PAR, since OpenIddict uses it where offered), client_secret_post,
// signed ID tokens and a userinfo endpoint.
// Only the person's login is automatic: the interaction signs in whoever the test chose and grants what was asked, then
// hands back to the provider, which redirects the browser to Roster as any provider does.
//
//   node provider.mjs PORT        prints "listening http://127.0.0.1:PORT" once it accepts requests
//
// The test's hooks (JSON bodies, this process being a test double on loopback):
//   POST /_test/client  {"client_id","client_secret","redirect_uri"}  Roster as the one client; before the first sign-in
//   POST /_test/login   {"sub","email","email_verified"}              who the next login is; "email" may be null
//   GET  /_test/last-authorization                                    the parameters of the last authorization request
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node provider.mjs PORT');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

/** The people the provider knows, by subject: their e-mail address and whether it is verified. */
const accounts = new Map();
let nextLogin = null;
let lastAuthorization = null;
let provider = null;
let handle = null;

function configure({ client_id, client_secret, redirect_uri }) {
  provider = new Provider(issuer, {
    clients: [{
      client_id,
      client_secret,
      redirect_uris: [redirect_uri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // Note: what OpenIddict chooses when a provider offers it (as most do), and what carries client_id in the body of
      // a pushed authorization request, which this provider requires.
      token_endpoint_auth_method: 'client_secret_post',
    }],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', 'email'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    async findAccount(ctx, sub) {
      if (!accounts.has(sub)) {
        return undefined;
      }
      return {
        accountId: sub,
        async claims() {
          const { email, email_verified } = accounts.get(sub);
          return email == null ? { sub } : { sub, email, email_verified };
        },
      };
    },
  });
  // What the provider refused, on stderr, for a failing test's message.
  for (const event of ['authorization.error', 'pushed_authorization_request.error', 'grant.error', 'userinfo.error', 'server_error']) {
    provider.on(event, (ctx, error) => console.error(`${event}: ${error.message} ${error.error_description ?? ''}`));
  }
  handle = provider.callback();
}

/** The login and consent prompts, answered at once for the person the test chose. */
async function interact(req, res) {
  const details = await provider.interactionDetails(req, res);
  const { prompt, params, session } = details;
  lastAuthorization = params;
  let result;
  if (prompt.name === 'login') {
    if (nextLogin === null) {
      send(res, 409, { error: 'no login chosen: POST /_test/login first' });
      return;
    }
    result = { login: { accountId: nextLogin } };
  } else if (prompt.name === 'consent') {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    if (prompt.details.missingOIDCScope) {
      grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
    }
    if (prompt.details.missingOIDCClaims) {
      grant.addOIDCClaims(prompt.details.missingOIDCClaims);
    }
    for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes ?? {})) {
      grant.addResourceScope(indicator, scopes.join(' '));
    }
    result = { consent: { grantId: await grant.save() } };
  } else {
    send(res, 400, { error: `unexpected prompt ${prompt.name}` });
    return;
  }
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
}

async function hook(req, res, path) {
  const body = JSON.parse(await read(req) || '{}');
  if (path === '/_test/client') {
    configure(body);
  } else if (path === '/_test/login') {
    accounts.set(body.sub, { email: body.email ?? null, email_verified: body.email_verified === true });
    nextLogin = body.sub;
  } else {
    send(res, 404, { error: 'unknown hook' });
    return;
  }
  send(res, 200, { ok: true });
}

function read(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  const path = new URL(req.url, issuer).pathname;
  try {
    if (req.method === 'POST' && path.startsWith('/_test/')) {
      await hook(req, res, path);
    } else if (req.method === 'GET' && path === '/_test/last-authorization') {
      send(res, 200, lastAuthorization ?? {});
    } else if (provider === null) {
      send(res, 503, { error: 'no client yet: POST /_test/client first' });
    } else if (req.method === 'GET' && path.startsWith('/interaction/')) {
      await interact(req, res);
    } else {
      handle(req, res);
    }
  } catch (error) {
    console.error(error);
    if (!res.headersSent) {
      send(res, 500, { error: String(error) });
    }
  }
});

server.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
