/**
 * Scaling out means more API processes on one PostgreSQL (ARCHITECTURE.md, "Beyond one machine"). This runs two real server processes side by side and shows that nothing a client
 * relies on lives in one process's memory: tokens, sign-outs and sync cursors work across both.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncResponse } from "../src/contract/sync";
import { readConfig } from "./config";
import { upsertAccounts } from "./mapping/accounts";
import { partnerAccount, partneredOrgs } from "./routes/sync/sync.fixtures";
import { useTestDatabase } from "./testing/database";
import { PASSWORD } from "./testing/fixtures";

const DATABASE_URL = readConfig().DATABASE_URL;
const ROOT = resolve(import.meta.dirname, "..");

if (!DATABASE_URL) {
  it.skip("two API processes share tokens and the sync feed (needs PostgreSQL: set DATABASE_URL)", () => {});
} else {
  describe("two API processes on one PostgreSQL", () => {
    const database = useTestDatabase();
    const servers: ApiProcess[] = [];

    beforeAll(async () => {
      // One after the other, so a failure to start leaves only processes afterAll knows about.
      servers.push(await startApiProcess(DATABASE_URL));
      servers.push(await startApiProcess(DATABASE_URL));
    });
    afterAll(async () => {
      await Promise.all(servers.map((server) => server.stop()));
    });

    it("deliver a change made through one process on the other's sync feed", async () => {
      const [first, second] = servers as [ApiProcess, ApiProcess];
      const { vendor, partner } = await partneredOrgs(database, { accounts: 2 });
      const signIn = await first.call("POST", "/v1/auth/sign-in", {
        body: { email: vendor.users.rep.email, password: PASSWORD },
      });
      expect(signIn.status).toBe(200);
      const token = signIn.body.token as string;

      let cursor: string | undefined;
      let fullSync: SyncResponse;
      do {
        fullSync = (await second.call("GET", `/v1/sync${cursor ? `?cursor=${cursor}` : ""}`, { token }))
          .body as unknown as SyncResponse;
        cursor = fullSync.cursor;
      } while (fullSync.hasMore);

      // One change through the first process, one by the partner's own import.
      expect(
        (await first.call("PUT", "/v1/me/settings", { token, body: { sidebarCollapsed: true } })).status,
      ).toBe(200);
      await upsertAccounts(database.db, partner.org.id, [
        partnerAccount(partner, vendor, 2, { ownerName: "Moved owner" }),
      ]);

      const delta = await second.call("GET", `/v1/sync?cursor=${cursor}`, { token });
      expect(delta.status).toBe(200);
      expect(delta.body).toMatchObject({
        reset: false,
        hasMore: false,
        settings: { sidebarCollapsed: true },
      });
      const overlaps = (delta.body as unknown as SyncResponse).overlaps;
      expect(overlaps.map((overlap) => [overlap.account.crmId, overlap.owner?.name])).toEqual([
        [`${vendor.slug}-2`, "Moved owner"],
      ]);
    });

    it("honour a token issued by one process on the other, and a sign-out on either", async () => {
      const [first, second] = servers as [ApiProcess, ApiProcess];
      const { vendor } = await partneredOrgs(database, { accounts: 1 });
      const signIn = await first.call("POST", "/v1/auth/sign-in", {
        body: { email: vendor.users.manager.email, password: PASSWORD },
      });
      const token = signIn.body.token as string;

      expect(await second.call("GET", "/v1/me", { token })).toMatchObject({
        status: 200,
        body: { user: { email: vendor.users.manager.email } },
      });
      expect((await second.call("POST", "/v1/auth/sign-out", { token })).status).toBe(204);
      expect((await first.call("GET", "/v1/me", { token })).status).toBe(401);
    });
  });
}

interface ApiProcess {
  call(
    method: string,
    path: string,
    init?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

/** `npm start` as production runs it, on a port of its own; resolves once it answers /healthz. */
async function startApiProcess(databaseUrl: string): Promise<ApiProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_REQUESTS: "false",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = once(child, "exit");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
  };
  const deadline = Date.now() + 60_000;
  while (
    !(await fetch(`${base}/healthz`).then(
      (response) => response.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`The API process on ${base} did not start:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    async call(method, path, init = {}) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : {} };
    },
    stop,
  };
}
