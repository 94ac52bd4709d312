/**
 * The offline cache failing under the background: a database the user deleted, a disk that is full.
 * Lookups then fall back on the server, as if there were no cache.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakeApi, syncedOverlap } from "./testing/fake-api";
import { PASSWORD, startBackground } from "./testing/harness";

/** What "Clear site data" (or DevTools' Application > Storage) does to the extension's database. */
function deleteDatabase(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase("cosell-lens-cache");
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** Every write to the accounts store fails, as Chromium's do when the disk is full. */
function fillTheDisk(): void {
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (this: IDBObjectStore, ...args) {
    if (this.name === "accounts")
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return put.apply(this, args);
  });
}

/** Leaves the database at a version newer than this build's, as a later build of the extension did. */
function upgradeDatabaseBeyondThisBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open("cosell-lens-cache", 99);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a failing offline cache", () => {
  it("answers lookups from the server after the user deleted the database", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"), syncedOverlap(2, "001B"));
    const background = await startBackground(api);
    await background.signIn();

    await deleteDatabase();

    expect(await background.lookUp("001B")).toMatchObject({
      state: "ready",
      source: "server",
      data: { partners: [{ partner: { name: "Partner 2" } }] },
    });
    // The next sync starts the cache again, from a full sync.
    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });
    expect(await background.cacheSize()).toMatchObject({ overlaps: 2 });
  });

  it("shows the server's answer about an account when the disk is too full to save it", async () => {
    const api = createFakeApi();
    const background = await startBackground(api);
    await background.signIn();
    api.upsert(syncedOverlap(1, "001A"));
    fillTheDisk();

    expect(await background.lookUp("001A")).toMatchObject({
      state: "ready",
      source: "server",
      data: { partners: [{ partner: { name: "Partner 1" } }] },
    });
  });

  it("signs in and answers from the server while the database will not open, and uses it once it does", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await upgradeDatabaseBeyondThisBuild();

    api.addUser("rep@acme.example", PASSWORD);
    const signIn = { serverUrl: api.address, email: "rep@acme.example", password: PASSWORD };
    expect(await background.send("session.signIn", signIn)).toMatchObject({ ok: true });
    expect(await background.send("sync.now", {})).toMatchObject({ ok: false });
    expect(await background.lookUp("001A")).toMatchObject({
      state: "ready",
      source: "server",
      data: { partners: [{ partner: { name: "Partner 1" } }] },
    });

    // The user clears the extension's data: the next sync opens a new database and fills it.
    await deleteDatabase();
    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });
    api.reachable = false;
    expect(await background.lookUp("001A")).toMatchObject({ state: "ready", source: "cache" });
  });

  it("says a wrong match was recorded when the server took it but the cache cannot drop it", async () => {
    const api = createFakeApi();
    const wrong = syncedOverlap(1, "001A");
    api.upsert(wrong, syncedOverlap(2, "001A"));
    const background = await startBackground(api);
    await background.signIn();
    expect(await background.lookUp("001A")).toMatchObject({ source: "cache" });

    await deleteDatabase();

    expect(await background.send("overlap.markWrong", { overlapId: wrong.overlapId })).toEqual({ ok: true });
    expect(await background.lookUp("001A")).toMatchObject({
      data: { partners: [{ partner: { name: "Partner 2" } }] },
    });
  });

  it("signs out, and tells the open sidebars, while the database will not open", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await upgradeDatabaseBeyondThisBuild();
    api.addUser("rep@acme.example", PASSWORD);
    const signIn = { serverUrl: api.address, email: "rep@acme.example", password: PASSWORD };
    expect(await background.send("session.signIn", signIn)).toMatchObject({ ok: true });
    expect(await background.lookUp("001A", { tabId: 5 })).toMatchObject({ state: "ready" });

    expect(await background.send("session.signOut", {})).toEqual({ ok: true });

    expect(background.browser.pushes.map((push) => push.message)).toEqual([
      { name: "partners.changed", payload: { recordId: "001A", result: { state: "signed_out" } } },
    ]);
    expect(await background.send("session.get", {})).toEqual({ ok: true, session: null });
  });
});
