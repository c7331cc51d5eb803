// What only the real web server shows (the in-process .NET tests do not run Kestrel's limits):
// an oversized body is refused with 413 in the API's error shape, and nothing is created.

import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { startRoster, randomEmail } from "./roster-server.mjs";

let server;
let auth;
let base;

before(async () => {
  server = await startRoster();
  const a = server.first;
  auth = "Basic " + Buffer.from(`${a.provisioning_api_key}:${a.provisioning_api_secret}`).toString("base64");
  base = `${server.url}/v1_1/provisioning/accounts/${a.account_id}`;
});

after(async () => {
  await server?.stop();
});

describe("server limits", () => {
  it("refuses a request body over 1 MiB with 413 and an error body, and creates nothing", async () => {
    const email = randomEmail("huge");
    const body = JSON.stringify({ name: "x".repeat(2 * 1024 * 1024), email });
    const res = await fetch(`${base}/users`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body,
    });
    assert.equal(res.status, 413);
    const json = await res.json();
    assert.equal(typeof json.error?.message, "string");
    assert.ok(json.error.message.length > 0);
    assert.ok(res.headers.get("x-request-id"), "X-Request-Id on the refusal");

    const list = await fetch(`${base}/users?emails=${encodeURIComponent(email)}`, { headers: { authorization: auth } });
    assert.equal(list.status, 200);
    assert.deepEqual((await list.json()).users, []);
  });
});
