/**
 * `npm start` as a user runs it: a real process on a loopback port, with embedded PGlite data that
 * survives a restart, and a clear refusal of bad configuration.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createOrg, createUser } from "./admin/organisations";
import { openDatabase } from "./db/client";

const ROOT = resolve(import.meta.dirname, "..");

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

function startServer(env: Record<string, string>): ChildProcess {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...inherited, LOG_REQUESTS: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error("server did not become healthy");
}

/** Its exit code, or "still running" if it has not stopped within a minute (it is stopped then). */
async function exitCode(child: ChildProcess): Promise<number | null | "still running"> {
  const exited = new Promise<number | null>((done) => child.once("exit", done));
  const timeout = new Promise<"still running">((done) => setTimeout(() => done("still running"), 60_000));
  const code = await Promise.race([exited, timeout]);
  await stop(child);
  return code;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  await exited;
}

const dataDir = await mkdtemp(join(tmpdir(), "cosell-start-"));
// Taken and given back: nothing listens on it.
const closedPort = await freePort();
const aFile = join(dataDir, "..", `${basename(dataDir)}.txt`);
await writeFile(aFile, "not a directory");
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await rm(aFile, { force: true });
});

// Two cold process starts (tsx, PGlite, migrations) take a while on a busy 2-core machine.
describe("npm start", { timeout: 180_000 }, () => {
  it("serves /healthz and /openapi.json, and keeps its data across a restart", async () => {
    const port = String(await freePort());
    const url = `http://127.0.0.1:${port}`;
    const first = startServer({ DATA_DIR: dataDir, PORT: port });
    await waitForHealth(url, first);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true, database: "pglite" });
    expect((await (await fetch(`${url}/openapi.json`)).json()).openapi).toBe("3.1.0");
    const signIn = () =>
      fetch(`${url}/v1/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@persist.test", password: "persisted password" }),
      });
    expect((await signIn()).status).toBe(401);
    await stop(first);

    // Written while the server is down, straight into its data directory.
    const database = await openDatabase({ dataDir });
    await createOrg(database.db, { slug: "persist", name: "Persist Ltd" });
    await createUser(database.db, {
      email: "admin@persist.test",
      orgSlug: "persist",
      role: "admin",
      password: "persisted password",
    });
    await database.close();

    const second = startServer({ DATA_DIR: dataDir, PORT: port });
    try {
      await waitForHealth(url, second);
      expect((await signIn()).status).toBe(200);
    } finally {
      await stop(second);
    }
  });

  it("refuses a bad configuration with a message naming the variable", async () => {
    const child = startServer({ DATA_DIR: dataDir, PORT: "not-a-port", DATABASE_URL: "mysql://nope" });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((done) => child.once("exit", done));
    expect(code).not.toBe(0);
    expect(stderr).toContain("PORT");
    expect(stderr).toContain("DATABASE_URL");
  });

  it.each([
    ["an empty PORT", { PORT: "" }],
    ["a HOST that does not resolve", { HOST: "no-such-host.invalid" }],
    [
      "a DATABASE_URL nothing listens on",
      { DATABASE_URL: `postgres://postgres@127.0.0.1:${closedPort}/cosell` },
    ],
    ["a DATABASE_URL that is not a URL", { DATABASE_URL: "postgres://127.0.0.1:not-a-port/cosell" }],
    ["a DATA_DIR that is a file", { DATA_DIR: aFile }],
  ])("refuses %s with a message naming it, not a stack trace", async (_case, env) => {
    const child = startServer({ DATA_DIR: dataDir, PORT: "0", ...env });
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    expect(await exitCode(child)).toBe(1);
    expect(stderr).toContain(Object.keys(env)[0]);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("says so when its port is taken, without a stack trace", async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, "127.0.0.1", done));
    const { port } = taken.address() as { port: number };
    try {
      const child = startServer({ DATA_DIR: dataDir, PORT: String(port) });
      let stderr = "";
      child.stderr?.on("data", (chunk) => {
        stderr += chunk;
      });
      expect(await exitCode(child)).toBe(1);
      expect(stderr).toContain(`Cannot listen on 127.0.0.1:${port}: the port is in use`);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      await new Promise((done) => taken.close(done));
    }
  });
});
