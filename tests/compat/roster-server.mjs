// Starts a real Roster server on loopback for the client compatibility tests, and creates accounts
// through the `roster accounts create` command line.
//
//   ROSTER_BIN       the roster command (required), e.g. the repository's ./roster script
//   ROSTER_DATABASE  optional PostgreSQL connection string; by default every server gets its own SQLite
//                    file in a fresh temporary directory

import { spawn, execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const bin = process.env.ROSTER_BIN;

/** A unique, valid e-mail address (addresses are unique across every account). */
export function randomEmail(tag = "user") {
  return `${tag}-${randomUUID()}@compat.example.com`;
}

/** A unique cloud name (cloud names are unique across every account). */
export function randomCloudName(tag = "cloud") {
  return `${tag}_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(args) {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { env: process.env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`${path.basename(bin)} ${args.join(" ")} failed: ${error.message}\n${stderr}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

/**
 * Starts `roster serve` on a free loopback port and waits for GET /healthz to answer 200.
 * Returns { url, port, createAccount(options), stop() }.
 */
export async function startRoster() {
  if (!bin) {
    throw new Error("ROSTER_BIN must name the roster command");
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "roster-compat-"));
  const databaseArgs = process.env.ROSTER_DATABASE ? [] : ["--database", path.join(dir, "roster.db")];

  /**
   * Creates an account with `roster accounts create` and returns its credentials:
   * { account_id, name, plan, root_user_id, root_email, provisioning_api_key, provisioning_api_secret, account_url }.
   */
  async function createAccount({ name = `Compat ${randomUUID().slice(0, 8)}`, rootEmail = randomEmail("root"), plan, seats } = {}) {
    const args = ["accounts", "create", "--name", name, "--root-email", rootEmail, ...databaseArgs];
    if (plan) args.push("--plan", plan);
    if (seats !== undefined) args.push("--seats", String(seats));
    const stdout = await run(args);
    const line = stdout.trim().split("\n").filter((l) => l.trim().startsWith("{")).pop();
    if (!line) {
      throw new Error(`accounts create printed no JSON object: ${stdout}`);
    }
    return { ...JSON.parse(line), root_email: rootEmail };
  }

  // An account first: it creates and migrates the database, and an empty database would get a demo account.
  const first = await createAccount();

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ["serve", "--urls", url, ...databaseArgs], {
    env: process.env,
    detached: true, // its own process group, so that stop() ends the script and everything it started
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = null;
  child.on("exit", (code, signal) => {
    exited = { code, signal };
  });

  async function stop() {
    if (exited === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    await rm(dir, { recursive: true, force: true });
  }

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`roster serve exited (${JSON.stringify(exited)}):\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`roster serve did not become healthy within 60 s:\n${output}`);
    }
    await sleep(100);
  }

  return { url, port, first, createAccount, stop, output: () => output };
}
