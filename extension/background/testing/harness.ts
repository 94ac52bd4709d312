/**
 * Starts a fresh background for one test: new module instances (so no sync, offline flag or open
 * tab carries over), an empty IndexedDB (fake-indexeddb), a clean fake browser and a fake server.
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { expect, vi } from "vitest";
import type { Runtime } from "webextension-polyfill";
import type { AccountOnPage, MessageName, ResponseOf } from "../../messages";
import type { RequestOf } from "../../requests";
import { createFakeApi, type FakeApi, syncedOverlap } from "./fake-api";
import { contentSender, createFakeBrowser, type FakeBrowser, pageSender } from "./fake-browser";

export const PASSWORD = "correct horse battery staple";

export interface Background {
  api: FakeApi;
  browser: FakeBrowser;
  send<N extends MessageName>(
    name: N,
    payload: RequestOf<N>,
    sender?: Runtime.MessageSender,
  ): Promise<ResponseOf<N>>;
  /** Signs in on the options page and waits for the sync that sign-in starts. */
  signIn(email?: string): Promise<ResponseOf<"sync.now">>;
  lookUp(
    recordId: string,
    options?: { tabId?: number; crm?: AccountOnPage["crm"] },
  ): Promise<ResponseOf<"partners.forAccount">>;
  /**
   * Chrome stopped the idle service worker (after about 30 s) and the next event started a new one:
   * fresh modules and listeners, with the same storage, IndexedDB, tabs and server.
   */
  restartWorker(): Promise<void>;
  /** How many overlaps and known accounts the IndexedDB cache holds. */
  cacheSize(): Promise<{ overlaps: number; accounts: number }>;
}

const SENDERS: Record<"content" | "page" | "any", () => Runtime.MessageSender> = {
  content: contentSender,
  page: pageSender,
  any: pageSender,
};

export async function startBackground(api: FakeApi = createFakeApi()): Promise<Background> {
  vi.resetModules();
  const browser = createFakeBrowser();
  vi.doMock("webextension-polyfill", () => ({ default: browser }));
  vi.stubGlobal("indexedDB", new IDBFactory());
  vi.stubGlobal("fetch", api.fetch);
  const { requests } = await import("../../requests");
  await import("../index");

  const send: Background["send"] = async (name, payload, sender) =>
    (await browser.deliver({ name, payload }, sender ?? SENDERS[requests[name].from]())) as never;

  return {
    api,
    browser,
    send,
    async signIn(email = "rep@acme.example") {
      if (!api.hasUser(email)) api.addUser(email, PASSWORD);
      const answer = await send("session.signIn", { serverUrl: api.address, email, password: PASSWORD });
      if (!answer.ok) throw new Error(`Sign-in failed: ${answer.message}`);
      return send("sync.now", {});
    },
    lookUp(recordId, { tabId = 1, crm = "salesforce-lightning" } = {}) {
      const account = { crm, recordId };
      return send("partners.forAccount", { account }, contentSender(tabId));
    },
    async restartWorker() {
      browser.stopWorker();
      // The mock of webextension-polyfill stays registered: the new worker gets the same browser.
      vi.resetModules();
      await import("../index");
    },
    async cacheSize() {
      const { cacheDb } = await import("../../cache/db");
      const { overlapsIn } = await import("../../cache/overlaps");
      const db = await cacheDb();
      const chunks = await db.getAll("chunks");
      // The directory must name exactly the chunk of every stored overlap.
      const placed = new Map(
        (await db.getAll("directory")).flatMap((bucket) =>
          Object.entries(JSON.parse(bucket.chunks) as Record<string, [number, number]>),
        ),
      );
      const stored = chunks.flatMap((chunk) =>
        overlapsIn(chunk).map((overlap) => [overlap.overlapId, chunk] as const),
      );
      const misplaced = stored.filter(
        ([id, chunk]) => placed.get(id)?.join() !== `${chunk.partition},${chunk.seq}`,
      );
      if (misplaced.length > 0 || placed.size !== stored.length) {
        throw new Error(
          `The directory disagrees with the chunks: ${placed.size} placed, ${stored.length} stored.`,
        );
      }
      return { overlaps: stored.length, accounts: await db.count("accounts") };
    },
  };
}

/**
 * Signed in, with account 001A (one partner) open in tab `tabId` and the server asked about it: the
 * start of the tests about what an open sidebar is told afterwards.
 */
export async function withAccountOpen(tabId: number): Promise<{ api: FakeApi; background: Background }> {
  const api = createFakeApi();
  api.upsert(syncedOverlap(1, "001A"));
  const background = await startBackground(api);
  await background.signIn();
  await background.lookUp("001A", { tabId });
  await vi.waitFor(() => expect(api.count("GET /v1/accounts/partners")).toBe(1));
  return { api, background };
}

/**
 * A promise and the function that settles it: a test holds a request on its way with `done`, and
 * lets it go (or learns that it arrived) with `fire`.
 */
export function signal(): { done: Promise<void>; fire(): void } {
  let fire!: () => void;
  const done = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { done, fire };
}
