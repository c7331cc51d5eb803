// Drives every Permissions API (v2) call of the official `@cloudinary/account-provisioning` client against a real
// Roster server: roles, system and custom policies, effective policies, principals and the public endpoints.
// The client rejects any response whose status or shape differs from Cloudinary's spec, so a call that
// resolves is a call whose answer the client accepted.

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { CldProvisioning } from "@cloudinary/account-provisioning";
import { startRoster, randomEmail, randomCloudName } from "./roster-server.mjs";

const ADMIN = "cld::role::account::admin";
const REPORTS = "cld::role::account::reports";
const PE_REPORTS = "cld::role::prodenv::reports";
const FOLDER_VIEWER = "cld::role::folder::viewer";
const UPLOAD_PRESETS = "cld::policy::global::upload_presets::manage";
const CREATE_ASSET = "cld::policy::global::folder_and_asset_management::create_asset";
const STATEMENT =
  'permit(principal == Cloudinary::APIKey::"1234", action == Cloudinary::Action::"read", resource is Cloudinary::Folder) ' +
  'when { resource.ancestor_ids.contains("asdfjkl12347890") };';

let server;
let main; // enterprise account
let plus; // a paid account below Enterprise
let sdk; // client of the main account
let user; // a user of the main account
let group; // a group of the main account, with the user in it
let pe; // a product environment of the main account
let apiKey; // its access key

const clientFor = (acct, overrides = {}) =>
  new CldProvisioning({
    serverURL: server.url,
    accountId: acct.account_id,
    security: { provisioningApiKey: acct.provisioning_api_key, provisioningApiSecret: acct.provisioning_api_secret, ...overrides },
  });

const token = () => randomUUID().replaceAll("-", "").slice(0, 10);
const ids = (list) => (list ?? []).map((x) => x.id);

/** Asserts that the call throws an HTTP error with this status and, when given, the v2 error code. */
async function throwsWith(promise, status, code) {
  await assert.rejects(promise, (err) => {
    assert.equal(err?.statusCode, status, `status (error: ${err?.name}: ${err?.message})`);
    if (code !== undefined) {
      const error = err.error ?? JSON.parse(err.body).error;
      assert.equal(error.code, code);
    }
    return true;
  });
}

before(async () => {
  server = await startRoster();
  main = server.first;
  plus = await server.createAccount({ plan: "plus" });
  sdk = clientFor(main);
  user = await sdk.users.create({ name: `Perm ${token()}`, email: randomEmail("perm"), role: "media_library_user" });
  group = await sdk.userGroups.create({ name: `Perm group ${token()}` });
  await sdk.userGroups.addUser({ groupId: group.id, userId: user.id });
  pe = await sdk.productEnvironments.create({ name: `Perm PE ${token()}`, cloudName: randomCloudName("perm") });
  apiKey = pe.apiAccessKeys[0].key;
});

after(async () => {
  await server?.stop();
});

describe("Speakeasy client: public permission endpoints", () => {
  it("reads the catalogue and the schema, and validates policies", async () => {
    const catalog = await sdk.public.getCatalog();
    assert.ok(ids(catalog.catalog.system_roles).includes("cld::role::account::master_admin"));
    assert.ok(ids(catalog.catalog.system_policies).includes(UPLOAD_PRESETS));

    const schema = await sdk.public.getSchema();
    assert.ok(schema.schema.Cloudinary, "the schema has the Cloudinary namespace");

    const valid = await sdk.public.validatePolicy({ policy: STATEMENT });
    assert.equal(valid.valid, true);
    const invalid = await sdk.public.validatePolicy({ policy: "permit(principal, action, resource is Cloudinary::Nope);" });
    assert.equal(invalid.valid, false);
    assert.equal(invalid.errors[0].cedarCode, "ACCOUNTS_00002");
    assert.match(invalid.errors[0].cedarMessage, /Nope/);
  });

  it("answers without credentials too (the client always sends them; plain HTTP does not)", async () => {
    const catalog = await fetch(`${server.url}/v2/accounts/permissions/public/catalog`);
    assert.equal(catalog.status, 200);
    assert.ok((await catalog.json()).catalog.system_roles.length > 0);
    const validated = await fetch(`${server.url}/v2/accounts/permissions/public/validate`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ policy: STATEMENT }),
    });
    assert.deepEqual(await validated.json(), { valid: true, errors: [] });
  });
});

describe("Speakeasy client: roles", () => {
  it("lists system roles and system policies", async () => {
    const roles = await sdk.roles.list({ permissionType: "global", scopeType: "account" });
    const admin = roles.data.find((r) => r.id === ADMIN);
    assert.equal(admin.managementType, "system");
    assert.equal(admin.scopeType, "account");
    assert.equal(typeof admin.createdAt, "number");

    const content = await sdk.roles.list({ permissionType: "content", policyParameters: ["folder_id"] });
    assert.ok(ids(content.data).includes(FOLDER_VIEWER));
    assert.ok(content.data.every((r) => r.policyParameters.includes("folder_id")));

    const policies = await sdk.systemPolicies.list({ scopeType: "prodenv", permissionType: "global" });
    assert.ok(ids(policies.data).includes(UPLOAD_PRESETS));
    assert.ok(policies.data.every((p) => p.scopeType === "prodenv" && typeof p.policyStatement === "string"));
  });

  it("creates, reads, updates and deletes a custom role", async () => {
    const id = `upload_manager_${token()}`;
    const created = await sdk.roles.create({
      id,
      permissionType: "global",
      scopeType: "prodenv",
      name: `Upload manager ${token()}`,
      description: "Responsible for managing uploads and uploading new assets.",
      systemPolicyIds: [UPLOAD_PRESETS, CREATE_ASSET],
    });
    assert.equal(created.data.id, id);
    assert.equal(created.data.managementType, "custom");
    assert.deepEqual(ids(created.data.policies), [UPLOAD_PRESETS, CREATE_ASSET]);

    const read = await sdk.roles.get({ roleId: id });
    assert.equal(read.data.description, "Responsible for managing uploads and uploading new assets.");

    const name = `Uploads only ${token()}`;
    const updated = await sdk.roles.update({ roleId: id, role: { name, systemPolicyIds: [UPLOAD_PRESETS] } });
    assert.equal(updated.data.name, name);
    assert.deepEqual(ids(updated.data.policies), [UPLOAD_PRESETS]);

    await throwsWith(sdk.roles.create({ permissionType: "global", scopeType: "prodenv", name }), 409, "ACCOUNTS_00006");
    await throwsWith(sdk.roles.update({ roleId: ADMIN, role: { name: "Mine" } }), 403, "ACCOUNTS_00006");
    await throwsWith(sdk.roles.create({ permissionType: "global", scopeType: "account", name: "Bad", systemPolicyIds: ["nope"] }), 400, "ACCOUNTS_00005");

    const deleted = await sdk.roles.delete({ roleId: id });
    assert.equal(deleted, undefined);
    await throwsWith(sdk.roles.get({ roleId: id }), 404, "ACCOUNTS_00003");
  });

  it("fills a content role's folder into its statements", async () => {
    const role = await sdk.roles.get({ roleId: FOLDER_VIEWER, folderId: "folder123" });
    assert.ok(role.data.policies.length > 0);
    assert.ok(role.data.policies.every((p) => p.policyStatement.includes('"folder123"')));
  });

  it("refuses a held role's deletion without force, and deletes it with force", async () => {
    const created = await sdk.roles.create({ permissionType: "global", scopeType: "account", name: `Held ${token()}` });
    await sdk.roles.updatePrincipals({
      roleId: created.data.id,
      updateRolePrincipalsRequest: { operation: "add", principals: [{ principalType: "user", principalId: user.id }] },
    });
    await throwsWith(sdk.roles.delete({ roleId: created.data.id }), 409);
    await sdk.roles.delete({ roleId: created.data.id, force: true });
    const held = await sdk.principals.listRoles({ principalType: "user", principalId: user.id, permissionType: "global", managementType: "custom" });
    assert.deepEqual(held.data, []);
  });

  it("gives and takes a role, and lists who holds it", async () => {
    const given = await sdk.roles.updatePrincipals({
      roleId: FOLDER_VIEWER,
      updateRolePrincipalsRequest: {
        operation: "add",
        principals: [
          { principalType: "user", principalId: user.id, scopeId: pe.id, policyParameters: { folder_id: "f1" } },
          { principalType: "apiKey", principalId: apiKey, scopeId: pe.id, policyParameters: { folder_id: "f2" } },
        ],
      },
    });
    assert.equal(given, undefined);

    const holders = await sdk.roles.listPrincipals({ roleId: FOLDER_VIEWER, scopeType: "prodenv", scopeId: pe.id });
    const mine = holders.data.find((p) => p.id === user.id);
    assert.equal(mine.type, "user");
    assert.equal(mine.roleId, FOLDER_VIEWER);
    assert.equal(mine.scopeId, pe.id);
    assert.deepEqual(mine.policyParameters, { folder_id: "f1" });
    const inFolder = await sdk.roles.listPrincipals({ roleId: FOLDER_VIEWER, folderId: "f2", verbose: false });
    assert.deepEqual(inFolder.data, [{ id: apiKey, type: "apiKey" }]);

    await sdk.roles.updatePrincipals({
      roleId: FOLDER_VIEWER,
      updateRolePrincipalsRequest: { operation: "remove", principals: [{ principalType: "apiKey", principalId: apiKey, scopeId: pe.id }] },
    });
    const after = await sdk.roles.listPrincipals({ roleId: FOLDER_VIEWER, scopeId: pe.id });
    assert.deepEqual(ids(after.data), [user.id]);
  });

  it("refuses roles that do not fit, and the root user", async () => {
    await throwsWith(
      sdk.roles.updatePrincipals({
        roleId: FOLDER_VIEWER,
        updateRolePrincipalsRequest: { operation: "add", principals: [{ principalType: "user", principalId: user.id, scopeId: pe.id }] },
      }),
      400,
      "ACCOUNTS_00005",
    );
    await throwsWith(
      sdk.roles.updatePrincipals({
        roleId: ADMIN,
        updateRolePrincipalsRequest: { operation: "add", principals: [{ principalType: "apiKey", principalId: apiKey }] },
      }),
      400,
      "ACCOUNTS_00005",
    );
    await throwsWith(
      sdk.roles.updatePrincipals({
        roleId: ADMIN,
        updateRolePrincipalsRequest: { operation: "add", principals: [{ principalType: "user", principalId: main.root_user_id }] },
      }),
      403,
      "ACCOUNTS_00006",
    );
  });
});

describe("Speakeasy client: principals", () => {
  it("gives a group roles and lists them", async () => {
    await sdk.principals.updateRoles({
      operation: "add",
      principal: { type: "group", id: group.id },
      roles: [{ id: REPORTS }, { id: PE_REPORTS, scopeId: pe.id }],
    });
    const global = await sdk.principals.listRoles({ principalType: "group", principalId: group.id, permissionType: "global" });
    assert.deepEqual(ids(global.data).sort(), [PE_REPORTS, REPORTS].sort());
    const account = global.data.find((r) => r.id === REPORTS);
    assert.equal(account.name, "Reports");
    assert.equal(account.scopeId, null);
    const scoped = await sdk.principals.listRoles({
      principalType: "group", principalId: group.id, permissionType: "global", scopeType: "prodenv", scopeId: pe.id,
    });
    assert.deepEqual(ids(scoped.data), [PE_REPORTS]);
  });

  it("inspects a scope, one principal or several", async () => {
    await sdk.principals.updateRoles({ operation: "add", principal: { type: "user", id: user.id }, roles: [{ id: ADMIN }] });

    const all = await sdk.principals.inspect({ scopeType: "account" });
    const byId = Object.fromEntries(all.data.principals.map((p) => [p.id, p]));
    assert.deepEqual(ids(byId[user.id].roles), [ADMIN]);
    assert.equal(byId[group.id].type, "group");

    const one = await sdk.principals.inspect({ scopeType: "prodenv", scopeId: pe.id, principalType: "user", principalId: user.id, folderId: "f1" });
    assert.deepEqual(one.data.principals.map((p) => p.id), [user.id]);
    assert.deepEqual(ids(one.data.principals[0].roles), [FOLDER_VIEWER]);

    const several = await sdk.principals.inspectMultiple({
      scopeType: "account",
      principals: [{ type: "group", id: group.id }, { type: "user", id: user.id }],
    });
    assert.deepEqual(several.data.principals.map((p) => p.id), [group.id, user.id]);
    assert.deepEqual(ids(several.data.principals[0].roles), [REPORTS]);

    await sdk.principals.updateRoles({ operation: "remove", principal: { type: "user", id: user.id }, roles: [{ id: ADMIN }] });
    const after = await sdk.principals.listRoles({ principalType: "user", principalId: user.id, permissionType: "global", scopeType: "account" });
    assert.ok(!ids(after.data).includes(ADMIN));
  });
});

describe("Speakeasy client: custom and effective policies", () => {
  it("creates, lists, reads, updates and deletes a custom policy", async () => {
    const name = `Key reads folder ${token()}`;
    const created = await sdk.customPolicies.create({ name, scopeType: "prodenv", scopeId: pe.id, policyStatement: STATEMENT, description: "d" });
    assert.equal(created.data.name, name);
    assert.equal(created.data.enabled, true);
    assert.equal(created.data.scopeId, pe.id);

    const listed = await sdk.customPolicies.list({ scopeType: "prodenv", scopeId: pe.id });
    assert.deepEqual(ids(listed.data), [created.data.id]);
    const read = await sdk.customPolicies.get({ policyId: created.data.id });
    assert.equal(read.data.policyStatement, STATEMENT);

    const updated = await sdk.customPolicies.update({
      policyId: created.data.id,
      updateCustomPolicy: { name, scopeType: "prodenv", scopeId: pe.id, policyStatement: STATEMENT, enabled: false },
    });
    assert.equal(updated.data.enabled, false);
    await throwsWith(
      sdk.customPolicies.update({
        policyId: created.data.id,
        updateCustomPolicy: { name, scopeType: "prodenv", scopeId: pe.id, policyStatement: STATEMENT, enabled: false },
      }),
      409,
      "ACCOUNTS_00006",
    );
    await throwsWith(sdk.customPolicies.create({ name, scopeType: "prodenv", scopeId: pe.id, policyStatement: STATEMENT }), 409, "ACCOUNTS_00006");
    await throwsWith(sdk.customPolicies.create({ name: "Bad", scopeType: "account", policyStatement: "permit(" }), 400, "ACCOUNTS_00002");

    await sdk.customPolicies.delete({ policyId: created.data.id });
    await throwsWith(sdk.customPolicies.get({ policyId: created.data.id }), 404, "ACCOUNTS_00003");
  });

  it("lists the effective policies of a user, its groups' included", async () => {
    const policy = await sdk.customPolicies.create({ name: `Effective ${token()}`, scopeType: "prodenv", scopeId: "all", policyStatement: STATEMENT });
    const effective = await sdk.effectivePolicies.list({ scopeType: "prodenv", scopeId: pe.id, principalType: "user", principalId: user.id });
    const principals = Object.fromEntries(effective.data.principals.map((p) => [p.principalId, p]));
    assert.deepEqual(principals[group.id].roles.map((r) => r.id), [PE_REPORTS]);
    const viewer = principals[user.id].roles.find((r) => r.id === FOLDER_VIEWER);
    assert.ok(viewer.systemPolicies.every((p) => p.policyStatement.includes('"f1"')));
    assert.ok(ids(effective.data.customPolicies).includes(policy.data.id));
  });
});

describe("Speakeasy client: plans", () => {
  it("gives a plan below Enterprise the system roles but not custom roles or policies", async () => {
    const client = clientFor(plus);
    const roles = await client.roles.list({ permissionType: "global" });
    assert.ok(ids(roles.data).includes(ADMIN));
    await throwsWith(client.roles.create({ permissionType: "global", scopeType: "account", name: "Custom" }), 403, "ACCOUNTS_00006");
    await throwsWith(client.customPolicies.list({}), 403, "ACCOUNTS_00006");
  });

  it("refuses a wrong secret with 401", async () => {
    const client = clientFor(main, { provisioningApiSecret: "wrong" });
    await throwsWith(client.roles.list({ permissionType: "global" }), 401, "ACCOUNTS_00006");
  });
});
