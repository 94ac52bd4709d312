/**
 * `npm run cli -- sync reset`, as an admin runs it after restoring a backup: the extensions' cursors
 * from before it are refused, saying why, and a sync without one starts over with everything. The
 * reset changes what the whole database shares, so these tests have a database of their own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SyncResponse } from "../../src/contract/sync";
import type { Database } from "../db/client";
import { partneredOrgs, Replica, syncPage } from "../routes/sync/sync.fixtures";
import { runCli } from "../testing/cli";
import { type OwnDatabase, ownDatabase } from "../testing/database";
import { signInAs, testApp } from "../testing/fixtures";
import { encodeCursor } from "./cursor";

let own: OwnDatabase;
let database: Database | undefined;

beforeAll(async () => {
  own = await ownDatabase("sync_epoch");
  database = await own.open();
});
afterAll(async () => {
  await database?.close();
  await own?.dispose();
});

// A CLI process with a cold database start between requests, on a busy 2-core machine.
describe("the sync feed's epoch", { timeout: 120_000 }, () => {
  it("still takes a cursor saved before the feed had epochs, until the first reset", async () => {
    const client = testApp(database!);
    const { vendor } = await partneredOrgs(database!, { accounts: 2 });
    const token = await signInAs(client, vendor.users.rep.email);
    const full = await syncPage(client, token);
    const { u, s } = JSON.parse(Buffer.from(full.cursor, "base64url").toString("utf8"));
    const saved = encodeCursor({ v: 1, u, s });

    const delta = await syncPage(client, token, { cursor: saved });
    expect(delta).toMatchObject({ reset: false, overlaps: [], deleted: [] });
  });

  it("after `sync reset`, refuses the cursors from before it, and a sync without one starts over", async () => {
    const { vendor } = await partneredOrgs(database!, { accounts: 3 });
    const token = await signInAs(testApp(database!), vendor.users.rep.email);
    const replica = new Replica();
    const before = await replica.syncToEnd(testApp(database!), token);
    const oldCursor = before.at(-1)!.cursor;

    // PGlite's data directory is one process's at a time: the server stops while the admin runs it.
    await database!.close();
    database = undefined;
    const reset = await runCli(["sync", "reset"], own.env);
    expect(reset).toMatchObject({ code: 0, stdout: expect.stringContaining("The sync feed starts over") });
    database = await own.open();
    const client = testApp(database);

    const refused = await client.request("GET", `/v1/sync?cursor=${oldCursor}`, { token });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: {
        details: [{ field: "query.cursor", message: expect.stringContaining("a backup was restored") }],
      },
    });
    const again = await syncPage(client, token);
    expect(again).toMatchObject({ reset: true, hasMore: false });
    expect(again.overlaps.map((o) => o.overlapId).sort()).toEqual([...replica.overlaps.keys()].sort());
    const delta: SyncResponse = await syncPage(client, token, { cursor: again.cursor });
    expect(delta).toMatchObject({ reset: false, overlaps: [], deleted: [] });
  });
});
