// Seeds users into one account through the real Provisioning API (POST .../users), with a fixed
// number of keep-alive connections, and writes the created user ids to a file, one a line.
//
//   node seed.mjs <base_url> <account_id> <key:secret> <count> <ids_file> [concurrency] [tag]
//
// Names are user000001 … user<count> (six digits), so that a prefix such as "user04210" matches ten
// users; e-mails are <name>.<tag>@bench.example (addresses are unique across the whole server).
// Exits non-zero unless every request answered 200.
import http from "node:http";
import fs from "node:fs";

const [base, accountId, credentials, countArg, idsFile, concurrencyArg, tagArg] = process.argv.slice(2);
if (!base || !accountId || !credentials || !countArg || !idsFile) {
  console.error("usage: node seed.mjs <base_url> <account_id> <key:secret> <count> <ids_file> [concurrency] [tag]");
  process.exit(2);
}
const count = Number(countArg);
const concurrency = Number(concurrencyArg ?? 16);
const tag = tagArg ?? Date.now().toString(36);
const url = new URL(`/v1_1/provisioning/accounts/${accountId}/users`, base);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const auth = "Basic " + Buffer.from(credentials).toString("base64");

function post(body) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(url, {
      method: "POST",
      agent,
      headers: { Authorization: auth, "Content-Type": "application/json", "Content-Length": data.length },
    }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(data);
  });
}

const ids = new Array(count);
let next = 0;
let done = 0;
let failures = 0;
const started = Date.now();

async function worker() {
  for (;;) {
    const i = next++;
    if (i >= count) return;
    const name = "user" + String(i + 1).padStart(6, "0");
    const body = { name, email: `${name}.${tag}@bench.example` };
    let attempt = 0;
    for (;;) {
      try {
        const { status, text } = await post(body);
        if (status === 200) {
          ids[i] = JSON.parse(text).id;
          break;
        }
        // A retry after a lost response can meet its own first attempt: 409 then means it was created.
        throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
      } catch (e) {
        if (++attempt >= 3) {
          failures++;
          console.error(`seed: ${name} failed: ${e.message}`);
          break;
        }
      }
    }
    if (++done % 10000 === 0) {
      const s = (Date.now() - started) / 1000;
      console.error(`seed: ${done}/${count} users in ${s.toFixed(0)} s (${(done / s).toFixed(0)}/s)`);
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
agent.destroy();
fs.writeFileSync(idsFile, ids.filter(Boolean).join("\n") + "\n");
const seconds = (Date.now() - started) / 1000;
console.error(`seed: ${count - failures} users created in ${seconds.toFixed(1)} s (${((count - failures) / seconds).toFixed(0)}/s), ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
