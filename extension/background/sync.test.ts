import { describe, expect, it, vi } from "vitest";
import { PartnersChanged } from "../messages";
import { createFakeApi, SERVER_URL, syncedOverlap } from "./testing/fake-api";
import { PASSWORD, signal, startBackground, withAccountOpen } from "./testing/harness";

const syncRequests = (requests: string[]) => requests.filter((request) => request.startsWith("GET /v1/sync"));
const cursorOf = (request: string) => new URL(request.slice(4), SERVER_URL).searchParams.get("cursor");

describe("sync", () => {
  it("starts with a full sync, then applies only the changes, deletions included", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"), syncedOverlap(2, "001A"), syncedOverlap(3, "001B"));
    const background = await startBackground(api);

    expect(await background.signIn()).toMatchObject({ ok: true });
    expect(await background.cacheSize()).toEqual({ overlaps: 3, accounts: 0 });

    api.remove(syncedOverlap(2, "001A").overlapId);
    api.upsert(syncedOverlap(3, "001B", "Renamed partner"), syncedOverlap(4, "001C"));
    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });

    const [full, delta] = syncRequests(api.requests);
    expect(cursorOf(full ?? "")).toBeNull();
    expect(cursorOf(delta ?? "")).not.toBeNull();
    api.reachable = false;
    const names = async (crmId: string) => {
      const answer = await background.lookUp(crmId);
      return answer.state === "ready" ? answer.data.partners.map((partner) => partner.partner.name) : answer;
    };
    expect(await names("001A")).toEqual(["Partner 1"]);
    expect(await names("001B")).toEqual(["Renamed partner"]);
    expect(await names("001C")).toEqual(["Partner 4"]);
  });

  it("follows hasMore through every page", async () => {
    const api = createFakeApi();
    api.pageSize = 5;
    api.upsert(...Array.from({ length: 12 }, (_, i) => syncedOverlap(i + 1, `00${i}`)));
    const background = await startBackground(api);

    await background.signIn();

    expect(syncRequests(api.requests)).toHaveLength(3);
    expect(await background.cacheSize()).toMatchObject({ overlaps: 12 });
  });

  it("resumes an interrupted sync from the last page it stored", async () => {
    const api = createFakeApi();
    api.pageSize = 5;
    api.upsert(...Array.from({ length: 12 }, (_, i) => syncedOverlap(i + 1, `00${i}`)));
    let syncsSeen = 0;
    api.beforeRequest = (url) =>
      url.pathname === "/v1/sync" && ++syncsSeen === 3 ? "unreachable" : undefined;
    const background = await startBackground(api);

    expect(await background.signIn()).toMatchObject({ ok: false, code: "unreachable" });
    expect(await background.cacheSize()).toMatchObject({ overlaps: 10 });

    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });
    const [, second, failed, resumed] = syncRequests(api.requests);
    expect(cursorOf(resumed ?? "")).toBe(cursorOf(failed ?? ""));
    expect(cursorOf(resumed ?? "")).not.toBe(cursorOf(second ?? ""));
    expect(syncRequests(api.requests)).toHaveLength(4);
    expect(await background.cacheSize()).toMatchObject({ overlaps: 12 });
  });

  it("shares one sync between callers who ask at the same time", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn();
    const before = syncRequests(api.requests).length;

    const answers = await Promise.all([
      background.send("sync.now", {}),
      background.send("sync.now", {}),
      background.send("sync.now", {}),
    ]);

    expect(syncRequests(api.requests).length - before).toBe(1);
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
  });

  /**
   * The first user's sync is held on its way while they sign out, and a second user signs in and
   * presses Sync now; once let go, the held request gets `answerHeld`'s answer.
   */
  async function syncNowAfterHandOver(answerHeld: (forward: () => Promise<Response>) => Promise<Response>) {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn("first@acme.example");
    const { done: firstUserWaits, fire: reached } = signal();
    const { done: released, fire: release } = signal();
    vi.stubGlobal("fetch", async (input: string | URL, init: RequestInit = {}) => {
      const token = new Headers(init.headers).get("authorization") ?? "";
      if (String(input).includes("/v1/sync") && token.includes("first@")) {
        reached();
        await released;
        return answerHeld(() => api.fetch(input, init));
      }
      return api.fetch(input, init);
    });
    const leftOver = background.send("sync.now", {});
    await firstUserWaits;
    await background.send("session.signOut", {});
    api.addUser("second@acme.example", PASSWORD);
    await background.send("session.signIn", {
      serverUrl: SERVER_URL,
      email: "second@acme.example",
      password: PASSWORD,
    });

    const pressed = background.send("sync.now", {});
    release();
    return { background, pressed: await pressed, leftOver };
  }

  // The popup's "Sync now" used to join a sync still running for the user signed in before, and
  // said "Couldn't sync: The session changed during the sync."
  it("answers Sync now for the user signed in now, not with a sync left from the previous one", async () => {
    const { background, pressed, leftOver } = await syncNowAfterHandOver((forward) => forward());

    expect(pressed).toMatchObject({ ok: true });
    expect(await background.cacheSize()).toMatchObject({ overlaps: 1 });
    await leftOver;
  });

  // The previous user's sign-out revoked its token while that sync's request was on its way.
  it("answers Sync now for the user signed in now when the previous one's sync meets a revoked token", async () => {
    const { background, pressed, leftOver } = await syncNowAfterHandOver(async () => {
      const body = { error: { code: "unauthenticated", message: "Sign in again." } };
      return new Response(JSON.stringify(body), { status: 401 });
    });

    expect(pressed).toMatchObject({ ok: true });
    expect(await background.send("session.get", {})).toMatchObject({
      session: { me: { user: { email: "second@acme.example" } } },
    });
    await leftOver;
  });

  it("keeps the cache as it is when the server is unreachable", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn();

    api.reachable = false;
    expect(await background.send("sync.now", {})).toMatchObject({ ok: false, code: "unreachable" });

    expect(await background.cacheSize()).toMatchObject({ overlaps: 1 });
    expect(await background.lookUp("001A")).toMatchObject({ state: "ready", offline: true });
  });

  it("tells a sidebar showing saved data when the server goes away, and when it is back", async () => {
    const { api, background } = await withAccountOpen(6);
    const offlineNotices = () =>
      background.browser.pushes
        .map((push) => PartnersChanged.parse(push.message).payload.result)
        .map((result) => result.state === "ready" && result.offline);

    api.reachable = false;
    await background.send("sync.now", {});
    expect(offlineNotices()).toEqual([true]);

    // Nothing changed on the server meanwhile: only the notice goes.
    api.reachable = true;
    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });
    expect(offlineNotices()).toEqual([true, false]);
  });

  it("starts over with a full sync when the server rejects the stored cursor", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn();
    // As a server does once after its cursor format changed.
    api.beforeRequest = (url) => {
      if (url.searchParams.has("cursor")) url.searchParams.set("cursor", "{}");
      api.beforeRequest = undefined;
      return undefined;
    };
    api.upsert(syncedOverlap(2, "001B"));

    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });
    expect(await background.cacheSize()).toMatchObject({ overlaps: 2 });
  });

  it("starts over only once in a sync, then fails, when the server rejects every cursor", async () => {
    const api = createFakeApi();
    api.pageSize = 1;
    api.upsert(syncedOverlap(1, "001A"), syncedOverlap(2, "001B"));
    const background = await startBackground(api);
    await background.signIn();
    const before = syncRequests(api.requests).length;
    api.beforeRequest = (url) => {
      // Ends the test, rather than the run, if the sync never stops starting over.
      if (syncRequests(api.requests).length - before > 20) return "unreachable";
      if (url.searchParams.has("cursor")) url.searchParams.set("cursor", "{}");
      return undefined;
    };

    const answer = await background.send("sync.now", {});

    expect(answer).toMatchObject({ ok: false, code: "invalid_request" });
    expect(!answer.ok && answer.message).toMatch(/even after starting over/);
    // The stored cursor, the fresh feed's first page, and its second page's cursor.
    const withCursor = syncRequests(api.requests)
      .slice(before)
      .map((request) => cursorOf(request) !== null);
    expect(withCursor).toEqual([true, false, true]);
  });

  it("keeps the saved data, and its sync time, while a full sync over it is unfinished", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"), syncedOverlap(2, "001B"), syncedOverlap(3, "001A"));
    const background = await startBackground(api);
    const first = await background.signIn();
    // The server no longer takes the stored cursor, and the full sync that follows loses its
    // connection after the first page. Meanwhile the server dropped an overlap.
    api.remove(syncedOverlap(2, "001B").overlapId);
    api.pageSize = 1;
    let fullSyncPages = 0;
    api.beforeRequest = (url) => {
      if (url.pathname !== "/v1/sync") return undefined;
      const cursor = url.searchParams.get("cursor");
      if (cursor !== null && !cursor.includes("afterOverlap")) url.searchParams.set("cursor", "{}");
      else if (++fullSyncPages > 1) return "unreachable";
      return undefined;
    };
    expect(await background.send("sync.now", {})).toMatchObject({ ok: false, code: "unreachable" });

    api.reachable = false;
    const savedAt = first.ok ? first.syncedAt : null;
    expect(await background.lookUp("001A")).toMatchObject({
      source: "cache",
      syncedAt: savedAt,
      data: { partners: [{ partner: { name: "Partner 1" } }, { partner: { name: "Partner 3" } }] },
    });
    expect(await background.lookUp("001B")).toMatchObject({
      source: "cache",
      syncedAt: savedAt,
      data: { partners: [{ partner: { name: "Partner 2" } }] },
    });

    // Once the full sync completes, what it did not send is gone.
    api.reachable = true;
    api.beforeRequest = undefined;
    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });
    expect(await background.cacheSize()).toEqual({ overlaps: 2, accounts: 0 });
  });

  it("shows no partners from a first full sync that stopped half-way, as they may be only some", async () => {
    const api = createFakeApi();
    api.pageSize = 1;
    api.upsert(syncedOverlap(1, "001A"), syncedOverlap(2, "001A"));
    let syncsSeen = 0;
    api.beforeRequest = (url) =>
      url.pathname === "/v1/sync" && ++syncsSeen === 2 ? "unreachable" : undefined;
    const background = await startBackground(api);
    expect(await background.signIn()).toMatchObject({ ok: false, code: "unreachable" });
    expect(await background.cacheSize()).toMatchObject({ overlaps: 1 });

    api.reachable = false;
    expect(await background.lookUp("001A")).toMatchObject({
      state: "error",
      message: expect.stringMatching(/not in the saved data yet/),
    });

    // The server's own answer about the account is whole, so it stands for it offline.
    api.reachable = true;
    expect(await background.lookUp("001A")).toMatchObject({ source: "server", data: { partners: [{}, {}] } });
    api.reachable = false;
    expect(await background.lookUp("001A")).toMatchObject({ source: "cache", data: { partners: [{}, {}] } });
  });

  it("pushes fresher partners to a tab showing a changed account", async () => {
    const { api, background } = await withAccountOpen(7);

    api.upsert(syncedOverlap(2, "001A"));
    await background.send("sync.now", {});

    expect(background.browser.pushes).toEqual([
      {
        tabId: 7,
        frameId: 0,
        message: {
          name: "partners.changed",
          payload: {
            recordId: "001A",
            result: expect.objectContaining({
              state: "ready",
              data: expect.objectContaining({ partners: [expect.anything(), expect.anything()] }),
            }),
          },
        },
      },
    ]);
  });

  it("pushes fresher partners to a tab opened before the worker restarted", async () => {
    const { api, background } = await withAccountOpen(7);
    await background.restartWorker();

    api.upsert(syncedOverlap(2, "001A", "New partner"));
    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });

    expect(background.browser.pushes).toMatchObject([
      {
        tabId: 7,
        message: {
          payload: {
            result: {
              data: { partners: [{ partner: { name: "New partner" } }, { partner: { name: "Partner 1" } }] },
            },
          },
        },
      },
    ]);
  });

  it("syncs on install, at browser start-up and on the alarm it schedules", async () => {
    const background = await startBackground();
    await background.signIn();
    const syncs = () => syncRequests(background.api.requests).length;
    // Each event must start a sync of its own, so none may be running when it fires.
    const afterIdle = async (event: () => void) => {
      await background.send("sync.now", {});
      const before = syncs();
      event();
      await vi.waitFor(() => expect(syncs()).toBe(before + 1));
    };

    await afterIdle(background.browser.fire.installed);
    await afterIdle(background.browser.fire.startup);
    const alarms = [...background.browser.scheduledAlarms];
    expect(alarms).toEqual([[expect.any(String), { periodInMinutes: 5 }]]);
    await afterIdle(() => background.browser.fire.alarm(alarms[0]?.[0] ?? ""));
  });
});
