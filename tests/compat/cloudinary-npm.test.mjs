// Drives the official npm `cloudinary` client (cloudinary.v2.provisioning.account) against a real Roster server.
// The client rejects with { error: { message, http_code } } on any error status.

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { startRoster, randomEmail, randomCloudName } from "./roster-server.mjs";

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

let server;
let main; // enterprise account, the client's configured default
let other; // a second enterprise account, used through per-call credentials
let plus; // a non-enterprise account
let limited; // enterprise account with 2 seats
let account; // cloudinary.v2.provisioning.account

/** Per-call credentials of another account (a fresh object: the client writes into its options). */
const as = (acct, extra = {}) => ({
  account_id: acct.account_id,
  provisioning_api_key: acct.provisioning_api_key,
  provisioning_api_secret: acct.provisioning_api_secret,
  ...extra,
});

/** Asserts that the call rejects the way the npm client reports an error: { error: { message, http_code } }. */
async function rejectsWith(promise, status, message) {
  await assert.rejects(promise, (err) => {
    assert.ok(err && err.error, `expected { error: … }, got ${JSON.stringify(err)}`);
    if (typeof status === "function") {
      assert.ok(status(err.error.http_code), `unexpected status ${err.error.http_code}: ${err.error.message}`);
    } else {
      assert.equal(err.error.http_code, status, `status (message: ${err.error.message})`);
    }
    if (message instanceof RegExp) {
      assert.match(err.error.message, message);
    } else if (message !== undefined) {
      assert.equal(err.error.message, message);
    }
    return true;
  });
}

const token = () => randomUUID().replaceAll("-", "").slice(0, 10);
const ids = (list) => list.map((x) => x.id);

before(async () => {
  server = await startRoster();
  main = server.first;
  other = await server.createAccount();
  plus = await server.createAccount({ plan: "plus" });
  limited = await server.createAccount({ plan: "enterprise", seats: 2 });
  // The client picks http or https once, when it is loaded, from upload_prefix: configure it first.
  process.env.CLOUDINARY_ACCOUNT_URL = `${main.account_url}?upload_prefix=${server.url}`;
  const { v2 } = await import("cloudinary");
  account = v2.provisioning.account;
});

after(async () => {
  await server?.stop();
});

describe("npm cloudinary: product environments", () => {
  it("creates a product environment with every field and reads it back", async () => {
    const cloudName = randomCloudName("npm");
    const created = await account.create_sub_account(`Shop ${token()}`, cloudName, { team: "web", tier: "gold" }, true);
    assert.equal(typeof created.id, "string");
    assert.ok(created.id.length > 0);
    assert.equal(created.cloud_name, cloudName);
    assert.match(created.name, /^Shop /);
    assert.equal(created.enabled, true);
    assert.deepEqual(created.custom_attributes, { team: "web", tier: "gold" });
    assert.match(created.created_at, ISO);
    assert.match(created.updated_at, ISO);

    const read = await account.sub_account(created.id);
    assert.equal(read.id, created.id);
    assert.equal(read.cloud_name, cloudName);
    assert.equal(read.name, created.name);
    assert.equal(read.enabled, true);
    assert.deepEqual(read.custom_attributes, { team: "web", tier: "gold" });
    assert.deepEqual(read.api_access_keys, created.api_access_keys);
  });

  it("gives a new product environment one enabled access key, also listed by access_keys", async () => {
    const created = await account.create_sub_account(`Keyed ${token()}`, undefined, undefined, undefined);
    assert.match(created.cloud_name, /^[A-Za-z0-9_]+$/, "a cloud name is generated when none is given");
    assert.equal(created.enabled, true, "enabled by default");
    assert.equal(created.api_access_keys.length, 1);
    const [key] = created.api_access_keys;
    assert.equal(typeof key.key, "string");
    assert.ok(key.key.length > 0);
    assert.equal(typeof key.secret, "string");
    assert.ok(key.secret.length > 0);
    assert.equal(key.enabled, true);

    const listed = await account.access_keys(created.id);
    assert.equal(listed.total, 1);
    assert.equal(listed.access_keys.length, 1);
    assert.equal(listed.access_keys[0].api_key, key.key);
    assert.equal(listed.access_keys[0].api_secret, key.secret);
    assert.equal(listed.access_keys[0].enabled, true);
  });

  it("lists product environments filtered by enabled, ids and a case-insensitive name prefix", async () => {
    const tag = `Pfx${token()}`;
    const a = await account.create_sub_account(`${tag} Alpha`, randomCloudName(), {}, true);
    const b = await account.create_sub_account(`${tag} Beta`, randomCloudName(), {}, false);
    const c = await account.create_sub_account(`Other ${token()}`, randomCloudName(), {}, true);

    const all = await account.sub_accounts();
    for (const pe of [a, b, c]) assert.ok(ids(all.sub_accounts).includes(pe.id), `${pe.name} listed`);

    const byPrefix = await account.sub_accounts(undefined, [], tag.toLowerCase());
    assert.deepEqual(ids(byPrefix.sub_accounts).sort(), [a.id, b.id].sort());

    const enabledWithPrefix = await account.sub_accounts(true, [], tag.toUpperCase());
    assert.deepEqual(ids(enabledWithPrefix.sub_accounts), [a.id]);

    const disabled = await account.sub_accounts(false);
    assert.ok(ids(disabled.sub_accounts).includes(b.id));
    assert.ok(!ids(disabled.sub_accounts).includes(a.id));
    assert.ok(disabled.sub_accounts.every((pe) => pe.enabled === false));

    const byIds = await account.sub_accounts(undefined, [a.id, c.id]);
    assert.deepEqual(ids(byIds.sub_accounts).sort(), [a.id, c.id].sort());
  });

  it("updates name, cloud name, custom attributes and enabled, and keeps the change", async () => {
    const pe = await account.create_sub_account(`Before ${token()}`, randomCloudName(), { a: "1" }, true);
    const newName = `After ${token()}`;
    const newCloud = randomCloudName("renamed");
    const updated = await account.update_sub_account(pe.id, newName, newCloud, { b: "2" }, false);
    assert.equal(updated.id, pe.id);
    assert.equal(updated.name, newName);
    assert.equal(updated.cloud_name, newCloud);
    assert.deepEqual(updated.custom_attributes, { b: "2" });
    assert.equal(updated.enabled, false);

    const read = await account.sub_account(pe.id);
    assert.equal(read.name, newName);
    assert.equal(read.cloud_name, newCloud);
    assert.deepEqual(read.custom_attributes, { b: "2" });
    assert.equal(read.enabled, false);

    // Only the fields given change.
    const renamed = await account.update_sub_account(pe.id, `Again ${token()}`);
    assert.equal(renamed.cloud_name, newCloud);
    assert.equal(renamed.enabled, false);
    assert.deepEqual(renamed.custom_attributes, { b: "2" });
  });

  it("copies the base product environment's settings", async () => {
    const base = await account.create_sub_account(`Base ${token()}`, randomCloudName(), { size_limit: "10" }, true);
    const copy = await account.create_sub_account(`Copy ${token()}`, randomCloudName(), undefined, true, base.id);
    assert.deepEqual(copy.custom_attributes, { size_limit: "10" });
    assert.notEqual(copy.id, base.id);
    await rejectsWith(account.create_sub_account(`Copy ${token()}`, randomCloudName(), undefined, true, `missing${token()}`), 404);
  });

  it("deletes a product environment", async () => {
    const pe = await account.create_sub_account(`Doomed ${token()}`, randomCloudName(), {}, true);
    const res = await account.delete_sub_account(pe.id);
    assert.equal(res.message, "ok");
    await rejectsWith(account.sub_account(pe.id), 404, `Cannot find sub account with id ${pe.id}`);
    const list = await account.sub_accounts();
    assert.ok(!ids(list.sub_accounts).includes(pe.id));
    await rejectsWith(account.delete_sub_account(pe.id), 404);
  });

  it("refuses a cloud name taken in another account, compared case-insensitively (409)", async () => {
    const cloudName = randomCloudName("Taken");
    await account.create_sub_account(`First ${token()}`, cloudName, {}, true);
    await rejectsWith(account.create_sub_account(`Second ${token()}`, cloudName.toUpperCase(), {}, true, undefined, as(other)), 409);
    await rejectsWith(account.create_sub_account(`Third ${token()}`, cloudName.toLowerCase(), {}, true), 409);

    const mine = await account.create_sub_account(`Mine ${token()}`, randomCloudName(), {}, true, undefined, as(other));
    await rejectsWith(account.update_sub_account(mine.id, undefined, cloudName.toLowerCase(), undefined, undefined, as(other)), 409);
    const unchanged = await account.sub_account(mine.id, as(other));
    assert.equal(unchanged.cloud_name, mine.cloud_name);
  });

  it("does not show one account's product environments to another", async () => {
    const pe = await account.create_sub_account(`Private ${token()}`, randomCloudName(), {}, true);
    await rejectsWith(account.sub_account(pe.id, as(other)), 404);
    const theirs = await account.sub_accounts(undefined, [], undefined, as(other));
    assert.ok(!ids(theirs.sub_accounts).includes(pe.id));
  });
});

describe("npm cloudinary: access keys", () => {
  let pe;
  let rootKey;
  const keys = {};

  before(async () => {
    pe = await account.create_sub_account(`Keys ${token()}`, randomCloudName(), {}, true);
    rootKey = pe.api_access_keys[0].key;
  });

  it("generates access keys with a name and an enabled flag", async () => {
    for (const [name, enabled] of [["key_b", true], ["key_c", false], ["key_a", true]]) {
      const key = await account.generate_access_key(pe.id, { name, enabled });
      assert.equal(key.name, name);
      assert.equal(key.enabled, enabled);
      assert.equal(typeof key.api_key, "string");
      assert.ok(key.api_key.length > 0);
      assert.equal(typeof key.api_secret, "string");
      assert.ok(key.api_secret.length > 0);
      assert.match(key.created_at, ISO);
      keys[name] = key;
    }
    const pe2 = await account.sub_account(pe.id);
    assert.equal(pe2.api_access_keys.length, 4);
    assert.deepEqual(pe2.api_access_keys.map((k) => k.key).sort(), [rootKey, ...Object.values(keys).map((k) => k.api_key)].sort());
    assert.equal(pe2.api_access_keys.find((k) => k.key === keys.key_c.api_key).enabled, false);
  });

  it("lists every key with its total, sorted as asked", async () => {
    const all = await account.access_keys(pe.id);
    assert.equal(all.total, 4);
    assert.equal(all.access_keys.length, 4);
    const byName = (await account.access_keys(pe.id, { sort_by: "name", sort_order: "asc" })).access_keys.map((k) => k.name);
    assert.deepEqual(byName, [...byName].sort());
    assert.deepEqual(byName.filter((n) => n.startsWith("key_")), ["key_a", "key_b", "key_c"]);
    const byNameDesc = (await account.access_keys(pe.id, { sort_by: "name", sort_order: "desc" })).access_keys.map((k) => k.name);
    assert.deepEqual(byNameDesc, [...byName].reverse());
    const byKey = (await account.access_keys(pe.id, { sort_by: "api_key", sort_order: "asc" })).access_keys.map((k) => k.api_key);
    assert.deepEqual(byKey, [...byKey].sort());
    const byEnabled = (await account.access_keys(pe.id, { sort_by: "enabled", sort_order: "asc" })).access_keys;
    assert.equal(byEnabled[0].api_key, keys.key_c.api_key, "the only disabled key comes first");
  });

  it("pages through the keys", async () => {
    const page1 = await account.access_keys(pe.id, { page_size: 3, page: 1, sort_by: "name", sort_order: "asc" });
    const page2 = await account.access_keys(pe.id, { page_size: 3, page: 2, sort_by: "name", sort_order: "asc" });
    const page3 = await account.access_keys(pe.id, { page_size: 3, page: 3, sort_by: "name", sort_order: "asc" });
    assert.equal(page1.total, 4);
    assert.equal(page2.total, 4);
    assert.equal(page1.access_keys.length, 3);
    assert.equal(page2.access_keys.length, 1);
    assert.equal(page3.access_keys.length, 0);
    const seen = [...page1.access_keys, ...page2.access_keys].map((k) => k.api_key);
    assert.equal(new Set(seen).size, 4);
    assert.deepEqual(page1.access_keys.slice(0, 3).map((k) => k.name), ["key_a", "key_b", "key_c"]);
  });

  it("updates a key's name and enabled flag and dedicates it to webhooks", async () => {
    const updated = await account.update_access_key(pe.id, keys.key_b.api_key, { name: "key_b2", enabled: false, dedicated_for: "webhooks" });
    assert.equal(updated.api_key, keys.key_b.api_key);
    assert.equal(updated.api_secret, keys.key_b.api_secret);
    assert.equal(updated.name, "key_b2");
    assert.equal(updated.enabled, false);
    assert.deepEqual(updated.dedicated_for, ["webhooks"]);

    const listed = (await account.access_keys(pe.id)).access_keys.find((k) => k.api_key === keys.key_b.api_key);
    assert.equal(listed.name, "key_b2");
    assert.equal(listed.enabled, false);
    assert.deepEqual(listed.dedicated_for, ["webhooks"]);

    const reenabled = await account.update_access_key(pe.id, keys.key_b.api_key, { enabled: true });
    assert.equal(reenabled.enabled, true);
    assert.equal(reenabled.name, "key_b2", "the name stays when not given");
  });

  it("keeps at most one webhook key per product environment", async () => {
    const moved = await account.update_access_key(pe.id, keys.key_a.api_key, { dedicated_for: "webhooks" });
    assert.deepEqual(moved.dedicated_for, ["webhooks"]);
    const listed = (await account.access_keys(pe.id)).access_keys;
    const holders = listed.filter((k) => Array.isArray(k.dedicated_for) && k.dedicated_for.includes("webhooks"));
    assert.deepEqual(holders.map((k) => k.api_key), [keys.key_a.api_key]);
  });

  it("deletes a key by api key and another by name", async () => {
    const byKey = await account.delete_access_key(pe.id, keys.key_c.api_key);
    assert.equal(byKey.message, "ok");
    const byName = await account.delete_access_key_by_name(pe.id, { name: "key_b2" });
    assert.equal(byName.message, "ok");
    const left = await account.access_keys(pe.id);
    assert.equal(left.total, 2);
    assert.deepEqual(left.access_keys.map((k) => k.api_key).sort(), [rootKey, keys.key_a.api_key].sort());
    await rejectsWith(account.delete_access_key(pe.id, keys.key_c.api_key), 404);
    await rejectsWith(account.delete_access_key_by_name(pe.id, { name: "key_b2" }), 404);
  });

  it("answers 404 for the keys of an unknown product environment", async () => {
    const missing = `missing${token()}`;
    await rejectsWith(account.access_keys(missing), 404, `Cannot find sub account with id ${missing}`);
  });
});

describe("npm cloudinary: users", () => {
  let pe1;
  let pe2;
  let restricted; // access to pe1 only

  before(async () => {
    pe1 = await account.create_sub_account(`Users1 ${token()}`, randomCloudName(), {}, true);
    pe2 = await account.create_sub_account(`Users2 ${token()}`, randomCloudName(), {}, true);
  });

  it("creates a pending user with access to named product environments and reads it back", async () => {
    const email = randomEmail("create");
    const name = `Rita ${token()}`;
    restricted = await account.create_user(name, email, "admin", [pe1.id]);
    assert.equal(typeof restricted.id, "string");
    assert.equal(restricted.name, name);
    assert.equal(restricted.email, email);
    assert.equal(restricted.role, "admin");
    assert.equal(restricted.pending, true);
    assert.equal(restricted.status, "pending");
    assert.equal(restricted.enabled, true);
    assert.equal(restricted.all_sub_accounts, false);
    assert.deepEqual(restricted.sub_account_ids, [pe1.id]);
    assert.equal(restricted.last_login, null);
    assert.equal(restricted.root, false);
    assert.equal(restricted.account_id, main.account_id);
    assert.match(restricted.created_at, ISO);

    const read = await account.user(restricted.id);
    assert.equal(read.id, restricted.id);
    assert.equal(read.email, email);
    assert.equal(read.role, "admin");
    assert.deepEqual(read.sub_account_ids, [pe1.id]);
    assert.deepEqual(read.groups, []);
  });

  it("updates name, e-mail, role and product environments, and keeps the change", async () => {
    const user = await account.create_user(`Upd ${token()}`, randomEmail("upd"), "billing", [pe1.id]);
    const newEmail = randomEmail("updated");
    const newName = `Updated ${token()}`;
    const updated = await account.update_user(user.id, newName, newEmail, "technical_admin", [pe1.id, pe2.id]);
    assert.equal(updated.name, newName);
    assert.equal(updated.email, newEmail);
    assert.equal(updated.role, "technical_admin");
    assert.deepEqual([...updated.sub_account_ids].sort(), [pe1.id, pe2.id].sort());

    const read = await account.user(user.id);
    assert.equal(read.name, newName);
    assert.equal(read.email, newEmail);
    assert.equal(read.role, "technical_admin");
    assert.deepEqual([...read.sub_account_ids].sort(), [pe1.id, pe2.id].sort());
    assert.equal(read.all_sub_accounts, false);

    const onlyName = await account.update_user(user.id, `Only ${token()}`);
    assert.equal(onlyName.email, newEmail, "fields not given stay");
    assert.equal(onlyName.role, "technical_admin");
  });

  it("gives a master admin every product environment whatever sub_account_ids says", async () => {
    const admin = await account.create_user(`Master ${token()}`, randomEmail("master"), "master_admin", [pe1.id]);
    assert.equal(admin.role, "master_admin");
    assert.equal(admin.all_sub_accounts, true);
    assert.deepEqual(admin.sub_account_ids, []);
    const inPe2 = await account.users(undefined, undefined, undefined, pe2.id);
    assert.ok(ids(inPe2.users).includes(admin.id));
  });

  it("refuses more than 30 product environments for one user (400)", async () => {
    const many = Array.from({ length: 31 }, () => randomUUID().replaceAll("-", ""));
    await rejectsWith(account.create_user(`Many ${token()}`, randomEmail("many"), "admin", many), 400);
  });

  it("gives users with all product environments the ones created later", async () => {
    const everywhere = await account.create_user(`All ${token()}`, randomEmail("all"), "admin");
    assert.equal(everywhere.all_sub_accounts, true);
    const later = await account.create_sub_account(`Later ${token()}`, randomCloudName(), {}, true);
    const inLater = await account.users(undefined, undefined, undefined, later.id);
    assert.ok(ids(inLater.users).includes(everywhere.id), "the all-access user can use the new product environment");
    assert.ok(ids(inLater.users).includes(main.root_user_id), "so can the root user");
    assert.ok(!ids(inLater.users).includes(restricted.id), "a user limited to another one cannot");
  });

  it("lists users by ids, prefix (name or e-mail), pending and product environment", async () => {
    const tag = `Zed${token()}`;
    const u1 = await account.create_user(`${tag} One`, randomEmail("list"), "reports", [pe2.id]);
    const u2 = await account.create_user(`Two ${token()}`, `${tag.toLowerCase()}-${randomUUID()}@compat.example.com`, "reports", [pe1.id]);

    const all = await account.users();
    for (const id of [main.root_user_id, restricted.id, u1.id, u2.id]) assert.ok(ids(all.users).includes(id));

    const byIds = await account.users(undefined, [u1.id, u2.id]);
    assert.deepEqual(ids(byIds.users).sort(), [u1.id, u2.id].sort());

    const byPrefix = await account.users(undefined, undefined, tag.toUpperCase());
    assert.deepEqual(ids(byPrefix.users).sort(), [u1.id, u2.id].sort(), "name prefix or e-mail prefix, any case");

    const pending = await account.users(true);
    assert.ok(ids(pending.users).includes(u1.id), "a user who never accepted the invitation is pending");
    assert.ok(pending.users.every((u) => u.pending === true && u.status === "pending"));

    const inPe2 = await account.users(undefined, undefined, undefined, pe2.id);
    assert.ok(ids(inPe2.users).includes(u1.id));
    assert.ok(!ids(inPe2.users).includes(u2.id));
    assert.ok(!ids(inPe2.users).includes(restricted.id));
    assert.ok(ids(inPe2.users).includes(main.root_user_id));

    const both = await account.users(undefined, undefined, tag, pe1.id);
    assert.deepEqual(ids(both.users), [u2.id], "filters combine");
  });

  it("answers 404 'Cannot find sub account with id X' for an unknown product environment filter", async () => {
    const missing = `nosuch${token()}`;
    await rejectsWith(account.users(undefined, undefined, undefined, missing), 404, `Cannot find sub account with id ${missing}`);
  });

  it("filters on last login within a date range", async () => {
    const fresh = await account.create_user(`Fresh ${token()}`, randomEmail("fresh"), "admin");
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const loggedIn = await account.users(undefined, undefined, undefined, undefined, { lastLogin: true, fromDate: "2020-01-01", toDate: tomorrow });
    assert.ok(!ids(loggedIn.users).includes(fresh.id), "a user who never logged in is not among those who did");
    const notLoggedIn = await account.users(undefined, undefined, undefined, undefined, { lastLogin: false, fromDate: "2020-01-01", toDate: tomorrow });
    assert.ok(ids(notLoggedIn.users).includes(fresh.id));
    assert.ok(notLoggedIn.users.every((u) => u.last_login === null || u.last_login < "2020-01-01" || u.last_login > tomorrow));
  });

  it("refuses an e-mail address already used in another account, whatever its case (409)", async () => {
    const email = randomEmail("Dup");
    await account.create_user(`Dup ${token()}`, email, "admin");
    await rejectsWith(account.create_user(`Dup2 ${token()}`, email.toUpperCase(), "admin", undefined, as(other)), 409, "Has already been taken");
    await rejectsWith(account.create_user(`Dup3 ${token()}`, email.toLowerCase(), "admin"), 409, "Has already been taken");

    const theirs = await account.create_user(`Theirs ${token()}`, randomEmail("theirs"), "admin", undefined, as(other));
    await rejectsWith(account.update_user(theirs.id, undefined, email.toUpperCase(), undefined, undefined, as(other)), 409, "Has already been taken");
    const unchanged = await account.user(theirs.id, as(other));
    assert.equal(unchanged.email, theirs.email);
  });

  it("deletes a user: inactive by id, gone from the list, e-mail free for a user of another account", async () => {
    const email = randomEmail("gone");
    const user = await account.create_user(`Gone ${token()}`, email, "admin");
    const res = await account.delete_user(user.id);
    assert.equal(res.message, "ok");

    const read = await account.user(user.id);
    assert.equal(read.id, user.id);
    assert.equal(read.status, "inactive");
    assert.equal(read.pending, false);

    const list = await account.users();
    assert.ok(!ids(list.users).includes(user.id));

    const reused = await account.create_user(`Reborn ${token()}`, email.toUpperCase(), "admin", undefined, as(other));
    assert.equal(reused.email.toLowerCase(), email.toLowerCase());
    assert.notEqual(reused.id, user.id);
    assert.equal(reused.account_id, other.account_id);
  });

  it("refuses to delete the root user", async () => {
    await rejectsWith(account.delete_user(main.root_user_id), (s) => s >= 400 && s < 500);
    const root = await account.user(main.root_user_id);
    assert.equal(root.root, true);
    assert.notEqual(root.status, "inactive");
  });

  it("answers 404 for an unknown user", async () => {
    await rejectsWith(account.user(`nobody${token()}`), 404);
    await rejectsWith(account.update_user(`nobody${token()}`, "X"), 404);
    await rejectsWith(account.delete_user(`nobody${token()}`), 404);
  });
});

describe("npm cloudinary: user groups", () => {
  let group;
  let alice;
  let bob;

  before(async () => {
    alice = await account.create_user(`Alice ${token()}`, randomEmail("alice"), "media_library_user");
    bob = await account.create_user(`Bob ${token()}`, randomEmail("bob"), "media_library_user");
  });

  it("creates a group, reads it without members and lists it", async () => {
    const name = `Designers ${token()}`;
    group = await account.create_user_group(name);
    assert.equal(typeof group.id, "string");
    assert.equal(group.name, name);

    const read = await account.user_group(group.id);
    assert.equal(read.id, group.id);
    assert.equal(read.name, name);
    assert.equal(read.users, undefined, "no member objects without extended details");

    const list = await account.user_groups();
    const listed = list.user_groups.find((g) => g.id === group.id);
    assert.equal(listed?.name, name);
  });

  it("renames a group", async () => {
    const name = `Renamed ${token()}`;
    const updated = await account.update_user_group(group.id, name);
    assert.equal(updated.id, group.id);
    assert.equal(updated.name, name);
    assert.equal((await account.user_group(group.id)).name, name);
    group = updated;
  });

  it("adds users to a group and lists its members", async () => {
    const first = await account.add_user_to_group(group.id, alice.id);
    assert.deepEqual(ids(first.users), [alice.id]);
    const second = await account.add_user_to_group(group.id, bob.id);
    assert.deepEqual(ids(second.users).sort(), [alice.id, bob.id].sort());

    const members = await account.user_group_users(group.id);
    assert.deepEqual(ids(members.users).sort(), [alice.id, bob.id].sort());
    const a = members.users.find((u) => u.id === alice.id);
    assert.equal(a.name, alice.name);
    assert.equal(a.email, alice.email);

    const user = await account.user(alice.id);
    assert.deepEqual(user.groups, [{ id: group.id, name: group.name }]);
  });

  it("removes a user from a group", async () => {
    const after = await account.remove_user_from_group(group.id, alice.id);
    assert.deepEqual(ids(after.users), [bob.id]);
    const members = await account.user_group_users(group.id);
    assert.deepEqual(ids(members.users), [bob.id]);
    assert.deepEqual((await account.user(alice.id)).groups, []);
  });

  it("deletes a group", async () => {
    const res = await account.delete_user_group(group.id);
    assert.equal(res.ok, true);
    await rejectsWith(account.user_group(group.id), 404);
    const list = await account.user_groups();
    assert.ok(!ids(list.user_groups).includes(group.id));
    assert.deepEqual((await account.user(bob.id)).groups, []);
  });

  it("answers 404 for an unknown group", async () => {
    await rejectsWith(account.user_group(`nogroup${token()}`), 404);
    await rejectsWith(account.add_user_to_group(`nogroup${token()}`, bob.id), 404);
  });
});

describe("npm cloudinary: account rules", () => {
  it("answers 401 'Invalid credentials' to a wrong secret", async () => {
    await rejectsWith(account.sub_accounts(undefined, [], undefined, { provisioning_api_secret: "wrong-secret" }), 401, "Invalid credentials");
    await rejectsWith(account.users(undefined, undefined, undefined, undefined, as(main, { provisioning_api_key: "000000000000000" })), 401, "Invalid credentials");
    // Another account's valid key does not open this account.
    await rejectsWith(account.users(undefined, undefined, undefined, undefined, as(other, { account_id: main.account_id })), 401);
  });

  it("refuses the Provisioning API to a non-enterprise account (403)", async () => {
    await rejectsWith(account.users(undefined, undefined, undefined, undefined, as(plus)), 403);
    await rejectsWith(account.sub_accounts(undefined, [], undefined, as(plus)), 403);
    await rejectsWith(account.create_user(`Plus ${token()}`, randomEmail("plus"), "admin", undefined, as(plus)), 403);
  });

  it("enforces the seat limit and frees the seat of a deleted user", async () => {
    // Two seats: the root user holds one.
    const second = await account.create_user(`Seat ${token()}`, randomEmail("seat"), "admin", undefined, as(limited));
    await rejectsWith(
      account.create_user(`Third ${token()}`, randomEmail("seat"), "admin", undefined, as(limited)),
      403,
      "You have reached the maximum number of users allowed for your plan.",
    );
    await account.delete_user(second.id, as(limited));
    const replacement = await account.create_user(`Again ${token()}`, randomEmail("seat"), "admin", undefined, as(limited));
    assert.equal(replacement.account_id, limited.account_id);
    await rejectsWith(
      account.create_user(`Fourth ${token()}`, randomEmail("seat"), "admin", undefined, as(limited)),
      403,
      "You have reached the maximum number of users allowed for your plan.",
    );
  });
});
