// Drives the official `@cloudinary/account-provisioning` client (the Speakeasy-generated SDK) against a real
// Roster server. It throws ErrorResponse on the statuses an operation declares and SDKError otherwise; both
// carry statusCode and the raw body.

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { CldProvisioning } from "@cloudinary/account-provisioning";
import { startRoster, randomEmail, randomCloudName } from "./roster-server.mjs";

let server;
let main; // enterprise account
let other; // a second enterprise account
let plus; // a non-enterprise account
let limited; // enterprise account with 2 seats
let sdk; // client of the main account

const clientFor = (acct, overrides = {}) =>
  new CldProvisioning({
    serverURL: server.url,
    accountId: acct.account_id,
    security: { provisioningApiKey: acct.provisioning_api_key, provisioningApiSecret: acct.provisioning_api_secret, ...overrides },
  });

/** The error message as a user of the client sees it: the parsed error body, else the error's own message. */
function messageOf(err) {
  if (err?.error?.message) return err.error.message;
  try {
    return JSON.parse(err.body).error.message;
  } catch {
    return err?.message;
  }
}

/** Asserts that the call throws an HTTP error with this status (and message, when given). */
async function throwsWith(promise, status, message) {
  await assert.rejects(promise, (err) => {
    const actual = err?.statusCode;
    if (typeof status === "function") {
      assert.ok(status(actual), `unexpected status ${actual}: ${err?.message}`);
    } else {
      assert.equal(actual, status, `status (error: ${err?.name}: ${err?.message})`);
    }
    if (message instanceof RegExp) {
      assert.match(messageOf(err), message);
    } else if (message !== undefined) {
      assert.equal(messageOf(err), message);
    }
    return true;
  });
}

const token = () => randomUUID().replaceAll("-", "").slice(0, 10);
const ids = (list) => (list ?? []).map((x) => x.id);

before(async () => {
  server = await startRoster();
  main = server.first;
  other = await server.createAccount();
  plus = await server.createAccount({ plan: "plus" });
  limited = await server.createAccount({ plan: "enterprise", seats: 2 });
  sdk = clientFor(main);
});

after(async () => {
  await server?.stop();
});

describe("Speakeasy client: product environments", () => {
  it("creates a product environment and reads it back", async () => {
    const cloudName = randomCloudName("sdk");
    const name = `Studio ${token()}`;
    const created = await sdk.productEnvironments.create({ name, cloudName, customAttributes: {} });
    assert.equal(typeof created.id, "string");
    assert.ok(created.id.length > 0);
    assert.equal(created.name, name);
    assert.equal(created.cloudName, cloudName);
    assert.equal(created.enabled, true);
    assert.ok(created.createdAt instanceof Date && !Number.isNaN(created.createdAt.getTime()));
    assert.ok(created.updatedAt instanceof Date);

    const read = await sdk.productEnvironments.get({ subAccountId: created.id });
    assert.equal(read.id, created.id);
    assert.equal(read.name, name);
    assert.equal(read.cloudName, cloudName);
    assert.equal(read.enabled, true);
    assert.equal(read.createdAt.getTime(), created.createdAt.getTime());
  });

  it("gives a new product environment one enabled access key", async () => {
    const created = await sdk.productEnvironments.create({ name: `Keyed ${token()}` });
    assert.match(created.cloudName, /^[A-Za-z0-9_]+$/, "a cloud name is generated when none is given");
    assert.equal(created.apiAccessKeys.length, 1);
    const [key] = created.apiAccessKeys;
    assert.ok(key.key && key.key.length > 0);
    assert.ok(key.secret && key.secret.length > 0);
    assert.equal(key.enabled, true);

    const keys = await sdk.accessKeys.list({ subAccountId: created.id });
    assert.equal(keys.total, 1);
    assert.equal(keys.accessKeys[0].apiKey, key.key);
    assert.equal(keys.accessKeys[0].apiSecret, key.secret);
    assert.equal(keys.accessKeys[0].enabled, true);
  });

  it("lists product environments by enabled, ids, cloud names and prefix", async () => {
    const tag = `Sfx${token()}`;
    const a = await sdk.productEnvironments.create({ name: `${tag} One`, cloudName: randomCloudName() });
    const b = await sdk.productEnvironments.create({ name: `${tag} Two`, cloudName: randomCloudName() });
    const c = await sdk.productEnvironments.create({ name: `Else ${token()}`, cloudName: randomCloudName() });
    await sdk.productEnvironments.update({ subAccountId: b.id, productEnvironmentUpdateRequest: { enabled: false } });

    const all = await sdk.productEnvironments.list();
    for (const pe of [a, b, c]) assert.ok(ids(all.subAccounts).includes(pe.id));

    const byPrefix = await sdk.productEnvironments.list({ prefix: tag.toLowerCase() });
    assert.deepEqual(ids(byPrefix.subAccounts).sort(), [a.id, b.id].sort());

    const enabled = await sdk.productEnvironments.list({ prefix: tag, enabled: true });
    assert.deepEqual(ids(enabled.subAccounts), [a.id]);
    const disabled = await sdk.productEnvironments.list({ prefix: tag, enabled: false });
    assert.deepEqual(ids(disabled.subAccounts), [b.id]);

    const byIds = await sdk.productEnvironments.list({ ids: [b.id, c.id] });
    assert.deepEqual(ids(byIds.subAccounts).sort(), [b.id, c.id].sort());

    const byCloudNames = await sdk.productEnvironments.list({ cloudNames: [a.cloudName.toUpperCase(), c.cloudName] });
    assert.deepEqual(ids(byCloudNames.subAccounts).sort(), [a.id, c.id].sort());
  });

  it("updates name, cloud name and enabled, and keeps the change", async () => {
    const pe = await sdk.productEnvironments.create({ name: `Old ${token()}`, cloudName: randomCloudName() });
    const name = `New ${token()}`;
    const cloudName = randomCloudName("new");
    const updated = await sdk.productEnvironments.update({
      subAccountId: pe.id,
      productEnvironmentUpdateRequest: { name, cloudName, enabled: false },
    });
    assert.equal(updated.id, pe.id);
    assert.equal(updated.name, name);
    assert.equal(updated.cloudName, cloudName);
    assert.equal(updated.enabled, false);

    const read = await sdk.productEnvironments.get({ subAccountId: pe.id });
    assert.equal(read.name, name);
    assert.equal(read.cloudName, cloudName);
    assert.equal(read.enabled, false);
    assert.equal(read.apiAccessKeys.length, 1, "the key survives the update");
  });

  it("deletes a product environment", async () => {
    const pe = await sdk.productEnvironments.create({ name: `Bye ${token()}` });
    const res = await sdk.productEnvironments.delete({ subAccountId: pe.id });
    assert.equal(res.message, "ok");
    await throwsWith(sdk.productEnvironments.get({ subAccountId: pe.id }), 404, `Cannot find sub account with id ${pe.id}`);
    const list = await sdk.productEnvironments.list();
    assert.ok(!ids(list.subAccounts).includes(pe.id));
  });

  it("refuses a cloud name taken in another account, compared case-insensitively (409)", async () => {
    const cloudName = randomCloudName("Unique");
    await sdk.productEnvironments.create({ name: `Holder ${token()}`, cloudName });
    await throwsWith(clientFor(other).productEnvironments.create({ name: `Thief ${token()}`, cloudName: cloudName.toUpperCase() }), 409);
    const theirs = await clientFor(other).productEnvironments.create({ name: `Theirs ${token()}` });
    await throwsWith(
      clientFor(other).productEnvironments.update({ subAccountId: theirs.id, productEnvironmentUpdateRequest: { cloudName: cloudName.toLowerCase() } }),
      409,
    );
  });

  it("answers 404 for an unknown product environment", async () => {
    const missing = `nope${token()}`;
    await throwsWith(sdk.productEnvironments.get({ subAccountId: missing }), 404, `Cannot find sub account with id ${missing}`);
    await throwsWith(sdk.productEnvironments.update({ subAccountId: missing, productEnvironmentUpdateRequest: { name: "x" } }), 404);
    await throwsWith(sdk.productEnvironments.delete({ subAccountId: missing }), 404);
  });
});

describe("Speakeasy client: access keys", () => {
  let pe;
  const keys = {};

  before(async () => {
    pe = await sdk.productEnvironments.create({ name: `Keys ${token()}`, cloudName: randomCloudName() });
  });

  it("generates access keys", async () => {
    for (const [name, enabled] of [["beta", true], ["alpha", false], ["gamma", true]]) {
      const key = await sdk.accessKeys.generate({ subAccountId: pe.id, accessKeyRequest: { name, enabled } });
      assert.equal(key.name, name);
      assert.equal(key.enabled, enabled);
      assert.ok(key.apiKey && key.apiKey.length > 0);
      assert.ok(key.apiSecret && key.apiSecret.length > 0);
      assert.ok(key.createdAt instanceof Date);
      keys[name] = key;
    }
    const read = await sdk.productEnvironments.get({ subAccountId: pe.id });
    assert.equal(read.apiAccessKeys.length, 4);
    assert.equal(read.apiAccessKeys.find((k) => k.key === keys.alpha.apiKey)?.enabled, false);
  });

  it("lists keys sorted and paged", async () => {
    const all = await sdk.accessKeys.list({ subAccountId: pe.id });
    assert.equal(all.total, 4);
    assert.equal(all.accessKeys.length, 4);

    const asc = await sdk.accessKeys.list({ subAccountId: pe.id, sortBy: "name", sortOrder: "asc" });
    const names = asc.accessKeys.map((k) => k.name);
    assert.deepEqual(names, [...names].sort());
    assert.deepEqual(names.filter((n) => ["alpha", "beta", "gamma"].includes(n)), ["alpha", "beta", "gamma"]);

    const desc = await sdk.accessKeys.list({ subAccountId: pe.id, sortBy: "name", sortOrder: "desc" });
    assert.deepEqual(desc.accessKeys.map((k) => k.name), [...names].reverse());

    const newestFirst = await sdk.accessKeys.list({ subAccountId: pe.id, sortBy: "created_at", sortOrder: "desc" });
    const times = newestFirst.accessKeys.map((k) => k.createdAt.getTime());
    assert.deepEqual(times, [...times].sort((x, y) => y - x));

    const page1 = await sdk.accessKeys.list({ subAccountId: pe.id, pageSize: 2, page: 1, sortBy: "name", sortOrder: "asc" });
    const page2 = await sdk.accessKeys.list({ subAccountId: pe.id, pageSize: 2, page: 2, sortBy: "name", sortOrder: "asc" });
    assert.equal(page1.total, 4);
    assert.equal(page2.total, 4);
    assert.deepEqual(page1.accessKeys.map((k) => k.name), names.slice(0, 2));
    assert.deepEqual(page2.accessKeys.map((k) => k.name), names.slice(2, 4));
  });

  it("updates a key's name and enabled flag and dedicates it to webhooks", async () => {
    const updated = await sdk.accessKeys.update({
      subAccountId: pe.id,
      key: keys.alpha.apiKey,
      accessKeyUpdateRequest: { name: "alpha2", enabled: true, dedicatedFor: "webhooks" },
    });
    assert.equal(updated.apiKey, keys.alpha.apiKey);
    assert.equal(updated.name, "alpha2");
    assert.equal(updated.enabled, true);

    const listed = (await sdk.accessKeys.list({ subAccountId: pe.id })).accessKeys.find((k) => k.apiKey === keys.alpha.apiKey);
    assert.equal(listed.name, "alpha2");
    assert.equal(listed.enabled, true);

    // The SDK's model has no dedicated_for; the raw response shows it.
    const res = await fetch(`${server.url}/v1_1/provisioning/accounts/${main.account_id}/sub_accounts/${pe.id}/access_keys`, {
      headers: { Authorization: `Basic ${Buffer.from(`${main.provisioning_api_key}:${main.provisioning_api_secret}`).toString("base64")}` },
    });
    const raw = await res.json();
    const webhookKeys = raw.access_keys.filter((k) => Array.isArray(k.dedicated_for) && k.dedicated_for.includes("webhooks"));
    assert.deepEqual(webhookKeys.map((k) => k.api_key), [keys.alpha.apiKey]);

    const disabled = await sdk.accessKeys.update({ subAccountId: pe.id, key: keys.gamma.apiKey, accessKeyUpdateRequest: { enabled: false } });
    assert.equal(disabled.enabled, false);
    assert.equal(disabled.name, "gamma");
  });

  it("deletes keys by api key and by name", async () => {
    const byKey = await sdk.accessKeys.delete({ subAccountId: pe.id, key: keys.beta.apiKey });
    assert.equal(byKey.message, "ok");
    const byName = await sdk.accessKeys.deleteByName({ subAccountId: pe.id, name: "gamma" });
    assert.equal(byName.message, "ok");
    const left = await sdk.accessKeys.list({ subAccountId: pe.id });
    assert.equal(left.total, 2);
    const leftKeys = left.accessKeys.map((k) => k.apiKey);
    assert.ok(!leftKeys.includes(keys.beta.apiKey));
    assert.ok(!leftKeys.includes(keys.gamma.apiKey));
    assert.ok(leftKeys.includes(keys.alpha.apiKey));
    await throwsWith(sdk.accessKeys.delete({ subAccountId: pe.id, key: keys.beta.apiKey }), 404);
    await throwsWith(sdk.accessKeys.deleteByName({ subAccountId: pe.id, name: "gamma" }), 404);
  });
});

describe("Speakeasy client: users", () => {
  let pe1;
  let pe2;
  let user;

  before(async () => {
    pe1 = await sdk.productEnvironments.create({ name: `U1 ${token()}`, cloudName: randomCloudName() });
    pe2 = await sdk.productEnvironments.create({ name: `U2 ${token()}`, cloudName: randomCloudName() });
  });

  it("creates a user and reads it back", async () => {
    const email = randomEmail("sdk");
    const name = `Sam ${token()}`;
    user = await sdk.users.create({ name, email, role: "technical_admin", subAccountIds: [pe1.id], enabled: true });
    assert.equal(typeof user.id, "string");
    assert.equal(user.name, name);
    assert.equal(user.email, email);
    assert.equal(user.role, "technical_admin");
    assert.equal(user.pending, true);
    assert.equal(user.status, "pending");
    assert.equal(user.enabled, true);
    assert.equal(user.allSubAccounts, false);
    assert.equal(user.subAccountCount, 1);
    assert.equal(user.groupCount, 0);
    assert.equal(user.root, false);
    assert.equal(user.accountId, main.account_id);
    assert.ok(user.createdAt instanceof Date);

    const read = await sdk.users.get({ userId: user.id });
    assert.equal(read.id, user.id);
    assert.equal(read.email, email);
    assert.equal(read.role, "technical_admin");
    assert.equal(read.allSubAccounts, false);

    const pes = await sdk.users.listSubAccounts({ userId: user.id });
    assert.deepEqual(ids(pes.subAccounts), [pe1.id]);
    assert.equal(pes.subAccounts[0].name, pe1.name);
    assert.equal(pes.subAccounts[0].cloudName, pe1.cloudName);
    assert.equal(pes.subAccounts[0].enabled, true);
  });

  it("updates a user and keeps the change", async () => {
    const email = randomEmail("sdk-upd");
    const name = `Sammy ${token()}`;
    const updated = await sdk.users.update({
      userId: user.id,
      userRequest: { name, email, role: "reports", subAccountIds: [pe1.id, pe2.id], enabled: false },
    });
    assert.equal(updated.name, name);
    assert.equal(updated.email, email);
    assert.equal(updated.role, "reports");
    assert.equal(updated.enabled, false);
    assert.equal(updated.subAccountCount, 2);

    const read = await sdk.users.get({ userId: user.id });
    assert.equal(read.name, name);
    assert.equal(read.email, email);
    assert.equal(read.role, "reports");
    assert.equal(read.enabled, false);
    const pes = await sdk.users.listSubAccounts({ userId: user.id });
    assert.deepEqual(ids(pes.subAccounts).sort(), [pe1.id, pe2.id].sort());

    const reenabled = await sdk.users.update({ userId: user.id, userRequest: { enabled: true } });
    assert.equal(reenabled.enabled, true);
    assert.equal(reenabled.email, email, "fields not given stay");
    user = reenabled;
  });

  it("gives a master admin every product environment whatever subAccountIds says", async () => {
    const admin = await sdk.users.create({ name: `Boss ${token()}`, email: randomEmail("boss"), role: "master_admin", subAccountIds: [pe1.id] });
    assert.equal(admin.allSubAccounts, true);
    const pes = await sdk.users.listSubAccounts({ userId: admin.id });
    assert.ok(ids(pes.subAccounts).includes(pe1.id));
    assert.ok(ids(pes.subAccounts).includes(pe2.id));
  });

  it("refuses 31 product environments for one user (400)", async () => {
    const many = Array.from({ length: 31 }, () => randomUUID().replaceAll("-", ""));
    await throwsWith(sdk.users.create({ name: `Many ${token()}`, email: randomEmail("many"), role: "admin", subAccountIds: many }), 400);
    await throwsWith(sdk.users.update({ userId: user.id, userRequest: { subAccountIds: many } }), 400);
  });

  it("gives users with all product environments the ones created later", async () => {
    const everywhere = await sdk.users.create({ name: `Every ${token()}`, email: randomEmail("every"), role: "admin" });
    assert.equal(everywhere.allSubAccounts, true);
    const later = await sdk.productEnvironments.create({ name: `Later ${token()}` });
    const pes = await sdk.users.listSubAccounts({ userId: everywhere.id });
    assert.ok(ids(pes.subAccounts).includes(later.id));
    const restricted = await sdk.users.listSubAccounts({ userId: user.id });
    assert.ok(!ids(restricted.subAccounts).includes(later.id));
    const inLater = await sdk.users.list({ subAccountId: later.id });
    assert.ok(ids(inLater.users).includes(everywhere.id));
    assert.ok(!ids(inLater.users).includes(user.id));
  });

  it("lists users with ids, emails, prefix, pending, product environment, sorting and paging", async () => {
    const tag = `Qx${token()}`;
    const u1 = await sdk.users.create({ name: `${tag} B`, email: randomEmail("l1"), role: "admin", subAccountIds: [pe2.id] });
    const u2 = await sdk.users.create({ name: `${tag} A`, email: randomEmail("l2"), role: "admin", subAccountIds: [pe1.id] });
    const u3 = await sdk.users.create({ name: `${tag} C`, email: randomEmail("l3"), role: "billing" });

    const all = await sdk.users.list();
    for (const u of [u1, u2, u3]) assert.ok(ids(all.users).includes(u.id));

    assert.deepEqual(ids((await sdk.users.list({ ids: [u1.id, u3.id] })).users).sort(), [u1.id, u3.id].sort());
    assert.deepEqual(ids((await sdk.users.list({ emails: [u2.email.toUpperCase()] })).users), [u2.id]);

    const byPrefix = await sdk.users.list({ prefix: tag.toLowerCase(), sortBy: "name", sortOrder: "asc" });
    assert.deepEqual(ids(byPrefix.users), [u2.id, u1.id, u3.id]);
    const desc = await sdk.users.list({ prefix: tag, sortBy: "name", sortOrder: "desc" });
    assert.deepEqual(ids(desc.users), [u3.id, u1.id, u2.id]);
    const page2 = await sdk.users.list({ prefix: tag, sortBy: "name", sortOrder: "asc", pageSize: 2, page: 2 });
    assert.deepEqual(ids(page2.users), [u3.id]);

    const pending = await sdk.users.list({ pending: true, prefix: tag });
    assert.equal(pending.users.length, 3);
    assert.ok(pending.users.every((u) => u.pending === true && u.status === "pending"));

    const inPe1 = await sdk.users.list({ prefix: tag, subAccountId: pe1.id });
    assert.deepEqual(ids(inPe1.users).sort(), [u2.id, u3.id].sort());
  });

  it("answers 404 'Cannot find sub account with id X' for an unknown product environment filter", async () => {
    const missing = `ghost${token()}`;
    await throwsWith(sdk.users.list({ subAccountId: missing }), 404, `Cannot find sub account with id ${missing}`);
  });

  it("filters on last login within a date range", async () => {
    const fresh = await sdk.users.create({ name: `Never ${token()}`, email: randomEmail("never"), role: "admin" });
    const from = new Date("2020-01-01T00:00:00Z");
    const to = new Date(Date.now() + 86_400_000);
    const loggedIn = await sdk.users.list({ lastLogin: true, from, to });
    assert.ok(!ids(loggedIn.users).includes(fresh.id));
    const notLoggedIn = await sdk.users.list({ lastLogin: false, from, to });
    assert.ok(ids(notLoggedIn.users).includes(fresh.id));
    const excluded = await sdk.users.list({ lastLogin: true, unionType: "exclude", from, to });
    assert.ok(ids(excluded.users).includes(fresh.id), "union_type=exclude: users who did not log in");
  });

  it("refuses a duplicate e-mail in another account and in another case (409 'Has already been taken')", async () => {
    const email = randomEmail("Twin");
    const first = await sdk.users.create({ name: `Twin ${token()}`, email });
    await throwsWith(clientFor(other).users.create({ name: `Twin2 ${token()}`, email: email.toUpperCase() }), 409, "Has already been taken");
    await throwsWith(sdk.users.create({ name: `Twin3 ${token()}`, email: email.toLowerCase() }), 409, "Has already been taken");
    await throwsWith(sdk.users.update({ userId: user.id, userRequest: { email: email.toUpperCase() } }), 409, "Has already been taken");
    assert.equal((await sdk.users.get({ userId: first.id })).email, email);
  });

  it("deletes a user: inactive by id, gone from the list, e-mail reusable in another account", async () => {
    const email = randomEmail("leaver");
    const leaver = await sdk.users.create({ name: `Leaver ${token()}`, email, role: "admin" });
    const res = await sdk.users.delete({ userId: leaver.id });
    assert.equal(res.message, "ok");

    const read = await sdk.users.get({ userId: leaver.id });
    assert.equal(read.id, leaver.id);
    assert.equal(read.status, "inactive");
    assert.ok(!ids((await sdk.users.list()).users).includes(leaver.id));

    const reused = await clientFor(other).users.create({ name: `Newcomer ${token()}`, email: email.toUpperCase(), role: "admin" });
    assert.equal(reused.accountId, other.account_id);
    assert.notEqual(reused.id, leaver.id);
  });

  it("refuses to delete the root user", async () => {
    await throwsWith(sdk.users.delete({ userId: main.root_user_id }), (s) => s >= 400 && s < 500);
    const root = await sdk.users.get({ userId: main.root_user_id });
    assert.equal(root.root, true);
    assert.notEqual(root.status, "inactive");
  });

  it("answers 404 for an unknown user", async () => {
    await throwsWith(sdk.users.get({ userId: `nobody${token()}` }), 404);
    await throwsWith(sdk.users.getGroups({ userId: `nobody${token()}` }), 404);
    await throwsWith(sdk.users.listSubAccounts({ userId: `nobody${token()}` }), 404);
  });
});

describe("Speakeasy client: user groups", () => {
  let group;
  let ann;
  let ben;

  before(async () => {
    ann = await sdk.users.create({ name: `Ann ${token()}`, email: randomEmail("ann"), role: "media_library_user" });
    ben = await sdk.users.create({ name: `Ben ${token()}`, email: randomEmail("ben"), role: "media_library_user" });
  });

  it("creates a group and reads it with and without extended details", async () => {
    const name = `Editors ${token()}`;
    group = await sdk.userGroups.create({ name });
    assert.equal(group.name, name);
    assert.ok(group.id);

    const plain = await sdk.userGroups.get({ groupId: group.id });
    assert.equal(plain.id, group.id);
    assert.equal(plain.name, name);
    assert.equal(plain.users, undefined);

    const extended = await sdk.userGroups.get({ groupId: group.id, extendedDetails: true });
    assert.equal(extended.name, name);
    assert.deepEqual(extended.users, []);
    assert.ok(extended.createdAt instanceof Date);
    assert.ok(extended.updatedAt instanceof Date);

    const list = await sdk.userGroups.list();
    assert.equal(list.userGroups.find((g) => g.id === group.id)?.name, name);
  });

  it("renames a group", async () => {
    const name = `Reviewers ${token()}`;
    const updated = await sdk.userGroups.update({ groupId: group.id, userGroupRequest: { name } });
    assert.equal(updated.id, group.id);
    assert.equal(updated.name, name);
    assert.equal((await sdk.userGroups.get({ groupId: group.id })).name, name);
    group = updated;
  });

  it("adds users and shows the membership from both sides", async () => {
    const added = await sdk.userGroups.addUser({ groupId: group.id, userId: ann.id });
    assert.equal(added.id, ann.id);
    assert.equal(added.name, ann.name);
    assert.equal(added.email, ann.email);
    await sdk.userGroups.addUser({ groupId: group.id, userId: ben.id });

    const members = await sdk.userGroups.listUsers({ groupId: group.id });
    assert.deepEqual(ids(members.users).sort(), [ann.id, ben.id].sort());
    assert.equal(members.users.find((u) => u.id === ben.id)?.email, ben.email);

    const extended = await sdk.userGroups.get({ groupId: group.id, extendedDetails: true });
    assert.deepEqual(ids(extended.users).sort(), [ann.id, ben.id].sort());

    const listed = await sdk.userGroups.list({ extendedDetails: true });
    assert.deepEqual(ids(listed.userGroups.find((g) => g.id === group.id)?.users).sort(), [ann.id, ben.id].sort());

    const groups = await sdk.users.getGroups({ userId: ann.id });
    assert.deepEqual(groups.groups, [{ id: group.id, name: group.name }]);
    assert.equal((await sdk.users.get({ userId: ann.id })).groupCount, 1);
  });

  it("removes a user from a group", async () => {
    const after = await sdk.userGroups.removeUser({ groupId: group.id, userId: ann.id });
    assert.deepEqual(ids(after.users), [ben.id]);
    assert.deepEqual(ids((await sdk.userGroups.listUsers({ groupId: group.id })).users), [ben.id]);
    assert.deepEqual((await sdk.users.getGroups({ userId: ann.id })).groups, []);
  });

  it("deletes a group", async () => {
    const res = await sdk.userGroups.delete({ groupId: group.id });
    assert.equal(res.message, "ok");
    await throwsWith(sdk.userGroups.get({ groupId: group.id }), 404);
    assert.ok(!ids((await sdk.userGroups.list()).userGroups).includes(group.id));
    assert.deepEqual((await sdk.users.getGroups({ userId: ben.id })).groups, []);
  });

  it("answers 404 for an unknown group", async () => {
    const missing = `nogroup${token()}`;
    await throwsWith(sdk.userGroups.get({ groupId: missing }), 404);
    await throwsWith(sdk.userGroups.listUsers({ groupId: missing }), 404);
    await throwsWith(sdk.userGroups.update({ groupId: missing, userGroupRequest: { name: "x" } }), 404);
    await throwsWith(sdk.userGroups.delete({ groupId: missing }), 404);
  });
});

describe("Speakeasy client: account rules", () => {
  it("answers 401 'Invalid credentials' to a wrong secret", async () => {
    const wrong = clientFor(main, { provisioningApiSecret: "not-the-secret" });
    await throwsWith(wrong.productEnvironments.list(), 401, "Invalid credentials");
    await throwsWith(wrong.users.list(), 401, "Invalid credentials");
  });

  it("refuses the Provisioning API to a non-enterprise account (403)", async () => {
    const client = clientFor(plus);
    await throwsWith(client.users.list(), 403);
    await throwsWith(client.productEnvironments.list(), 403);
    await throwsWith(client.userGroups.create({ name: `Nope ${token()}` }), 403);
  });

  it("enforces the seat limit and frees the seat of a deleted user", async () => {
    const client = clientFor(limited);
    const second = await client.users.create({ name: `Second ${token()}`, email: randomEmail("seat"), role: "admin" });
    await throwsWith(
      client.users.create({ name: `Third ${token()}`, email: randomEmail("seat"), role: "admin" }),
      403,
      "You have reached the maximum number of users allowed for your plan.",
    );
    await client.users.delete({ userId: second.id });
    const replacement = await client.users.create({ name: `Replacement ${token()}`, email: randomEmail("seat"), role: "admin" });
    assert.equal(replacement.accountId, limited.account_id);
    await throwsWith(
      client.users.create({ name: `Fourth ${token()}`, email: randomEmail("seat"), role: "admin" }),
      403,
      "You have reached the maximum number of users allowed for your plan.",
    );
  });
});
