import { describe, expect, it, vi } from "vitest";
import { PartnersChanged } from "../messages";
import { createFakeApi, SERVER_URL, syncedOverlap } from "./testing/fake-api";
import { PASSWORD, signal, startBackground, withAccountOpen } from "./testing/harness";

const syncRequests = (requests: string[]) => requests.filter((request) => request.startsWith("GET /v1/sync"));

describe("the session and the cache", () => {
  it("syncs right after sign-in", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    api.addUser("rep@acme.example", PASSWORD);
    const background = await startBackground(api);

    await background.send("session.signIn", {
      serverUrl: SERVER_URL,
      email: "rep@acme.example",
      password: PASSWORD,
    });

    await vi.waitFor(async () => expect(await background.cacheSize()).toMatchObject({ overlaps: 1 }));
  });

  it("answers the sidebars that showed 'signed out' as soon as the user signs in", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    expect(await background.lookUp("001A", { tabId: 5 })).toEqual({ state: "signed_out" });

    await background.signIn();

    await vi.waitFor(() => expect(background.browser.pushes).toHaveLength(1));
    expect(background.browser.pushes[0]).toMatchObject({
      tabId: 5,
      message: {
        name: "partners.changed",
        payload: {
          recordId: "001A",
          result: { state: "ready", data: { partners: [{ partner: { name: "Partner 1" } }] } },
        },
      },
    });
  });

  it("answers open sidebars again when someone signs in after a sign-out", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn();
    await background.lookUp("001A", { tabId: 5 });
    await background.send("session.signOut", {});
    const results = () =>
      background.browser.pushes.map((push) => PartnersChanged.parse(push.message).payload.result.state);
    expect(results()).toEqual(["signed_out"]);

    await background.signIn();

    await vi.waitFor(() => expect(results()).toEqual(["signed_out", "ready"]));
  });

  it("tells sidebars opened before the worker restarted of a sign-out, and of the next sign-in", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn("first@acme.example");
    await background.lookUp("001A", { tabId: 5 });
    await background.lookUp("001A", { tabId: 6 });
    await vi.waitFor(() => expect(api.count("GET /v1/accounts/partners")).toBe(2));
    background.browser.closeTab(6);
    await background.restartWorker();
    const told = () =>
      background.browser.pushes.map((push) => [
        push.tabId,
        PartnersChanged.parse(push.message).payload.result.state,
      ]);

    expect(await background.send("session.signOut", {})).toEqual({ ok: true });
    expect(told()).toEqual([[5, "signed_out"]]);

    await background.signIn("second@acme.example");
    await vi.waitFor(() =>
      expect(told()).toEqual([
        [5, "signed_out"],
        [5, "ready"],
      ]),
    );
  });

  it("ends a session that expired here as the server ends one it rejects", async () => {
    const { background } = await withAccountOpen(5);

    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      // The fake server's sessions last an hour; the alarm's next sync is the first to notice.
      vi.setSystemTime(Date.now() + 2 * 3_600_000);
      expect(await background.send("sync.now", {})).toMatchObject({ ok: false, code: "signed_out" });
    } finally {
      vi.useRealTimers();
    }

    expect(await background.cacheSize()).toEqual({ overlaps: 0, accounts: 0 });
    expect(await background.browser.storage.local.get("session")).toEqual({});
    expect(background.browser.pushes.map((push) => push.message)).toEqual([
      { name: "partners.changed", payload: { recordId: "001A", result: { state: "signed_out" } } },
    ]);
  });

  it("keeps a session for as long as the server gives it, whatever this computer's clock says", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    // This computer's clock runs three hours ahead of the server's, which stamps its answers (Date)
    // and its tokens' end (an hour after sign-in) by its own.
    const behind = 3 * 3_600_000;
    vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
      const response = await api.fetch(input, init);
      const serverNow = Date.now() - behind;
      const headers = new Headers(response.headers);
      headers.set("date", new Date(serverNow).toUTCString());
      if (!String(input).endsWith("/v1/auth/sign-in") || !response.ok) {
        return new Response(response.body, { status: response.status, headers });
      }
      const { token } = (await response.json()) as { token: string };
      const expiresAt = new Date(serverNow + 3_600_000).toISOString();
      return new Response(JSON.stringify({ token, expiresAt }), { status: 200, headers });
    });

    expect(await background.signIn()).toMatchObject({ ok: true });
    expect(await background.send("session.get", {})).toMatchObject({ session: { serverUrl: api.address } });
    expect(await background.cacheSize()).toMatchObject({ overlaps: 1 });

    // The server's hour is over by this computer's clock too: the session ends here.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 2 * 3_600_000);
      expect(await background.send("session.get", {})).toEqual({ ok: true, session: null });
    } finally {
      vi.useRealTimers();
    }
  });

  it("leaves the cache empty when sign-out comes while a sync is about to claim it", async () => {
    let releaseClaim!: () => void;
    const { done: waiting, fire: claimWaiting } = signal();
    let pauseNextClaim = false;
    vi.doMock("../cache/db", async (importOriginal) => {
      const db = await importOriginal<typeof import("../cache/db")>();
      return {
        ...db,
        async claimCache(owner: Parameters<typeof db.claimCache>[0]) {
          if (pauseNextClaim) {
            pauseNextClaim = false;
            claimWaiting();
            await new Promise<void>((resolve) => {
              releaseClaim = resolve;
            });
          }
          return db.claimCache(owner);
        },
      };
    });
    try {
      const api = createFakeApi();
      api.upsert(syncedOverlap(1, "001A"));
      const background = await startBackground(api);
      await background.signIn();
      pauseNextClaim = true;
      const sync = background.send("sync.now", {});
      await waiting;

      await background.send("session.signOut", {});
      releaseClaim();

      expect(await sync).toMatchObject({ ok: false, code: "signed_out" });
      expect(await background.cacheSize()).toEqual({ overlaps: 0, accounts: 0 });
    } finally {
      vi.doUnmock("../cache/db");
    }
  });

  it("signs out and clears the cache when the server rejects the session", async () => {
    const { api, background } = await withAccountOpen(5);

    api.revokeAllTokens();
    expect(await background.send("sync.now", {})).toMatchObject({ ok: false, code: "signed_out" });

    expect(await background.send("session.get", {})).toEqual({ ok: true, session: null });
    expect(await background.cacheSize()).toEqual({ overlaps: 0, accounts: 0 });
    expect(background.browser.pushes.map((push) => push.message)).toEqual([
      { name: "partners.changed", payload: { recordId: "001A", result: { state: "signed_out" } } },
    ]);
  });

  it("signs out when an account lookup is rejected", async () => {
    const background = await startBackground();
    await background.signIn();
    background.api.revokeAllTokens();

    expect(await background.lookUp("001A")).toEqual({ state: "signed_out" });
    expect(await background.send("session.get", {})).toEqual({ ok: true, session: null });
  });

  it("answers a lookup that the server answered after the session ended for the session there is now", async () => {
    const api = createFakeApi();
    const background = await startBackground(api);
    await background.signIn();
    // The server's answers about accounts are held up on the way, while `held` is set.
    let held: Promise<void> | null = null;
    let release = () => {};
    const holdAnswers = () => {
      held = new Promise<void>((resolve) => {
        release = () => {
          held = null;
          resolve();
        };
      });
    };
    vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
      const response = await api.fetch(input, init);
      if (new URL(String(input)).pathname === "/v1/accounts/partners") await held;
      return response;
    });
    const lookups = () => api.count("GET /v1/accounts/partners");
    const askedAfter = (before: number) => vi.waitFor(() => expect(lookups()).toBeGreaterThan(before));

    holdAnswers();
    const beforeSignOut = background.lookUp("001A");
    await askedAfter(0);
    await background.send("session.signOut", {});
    release();
    expect(await beforeSignOut).toEqual({ state: "signed_out" });

    await background.signIn();
    holdAnswers();
    const asked = lookups();
    const beforeOtherUser = background.lookUp("001A");
    await askedAfter(asked);
    await background.signIn("other@acme.example");
    release();
    expect(await beforeOtherUser).toMatchObject({ state: "ready", source: "server" });
  });

  it("answers a lookup whose token a sign-out revoked on its way for the user signed in since", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn("first@acme.example");
    // The first user's question about 001B reaches the server after their sign-out revoked the token.
    const { done: asked, fire: reached } = signal();
    const { done: released, fire: release } = signal();
    vi.stubGlobal("fetch", async (input: string | URL | Request, init: RequestInit = {}) => {
      const token = new Headers(init.headers).get("authorization") ?? "";
      if (String(input).includes("/v1/accounts/partners") && token.includes("first@")) {
        reached();
        await released;
        const body = { error: { code: "unauthenticated", message: "Sign in again." } };
        return new Response(JSON.stringify(body), { status: 401 });
      }
      return api.fetch(input, init);
    });

    const lookup = background.lookUp("001B", { tabId: 4 });
    await asked;
    await background.send("session.signOut", {});
    await background.signIn("second@acme.example");
    api.upsert(syncedOverlap(2, "001B"));
    release();

    expect(await lookup).toMatchObject({
      state: "ready",
      data: { partners: [{ partner: { name: "Partner 2" } }] },
    });
    expect(await background.send("session.get", {})).toMatchObject({
      session: { me: { user: { email: "second@acme.example" } } },
    });
  });

  // Sidebar settings chosen while signed out carry over to whoever signs in next (../cache/db).
  it("keeps what was chosen after a sign-out when a request of the ended session is refused later", async () => {
    const api = createFakeApi();
    const background = await startBackground(api);
    await background.signIn();
    const { done: asked, fire: reached } = signal();
    const { done: released, fire: release } = signal();
    vi.stubGlobal("fetch", async (input: string | URL | Request, init: RequestInit = {}) => {
      if (String(input).includes("/not-a-match")) {
        reached();
        await released;
        const body = { error: { code: "unauthenticated", message: "Sign in again." } };
        return new Response(JSON.stringify(body), { status: 401 });
      }
      return api.fetch(input, init);
    });
    const marking = background.send("overlap.markWrong", { overlapId: syncedOverlap(1, "001A").overlapId });
    await asked;
    await background.send("session.signOut", {});
    await background.send("settings.set", { sidebarCollapsed: true });

    release();
    await marking;

    expect(await background.send("settings.get", {})).toEqual({
      ok: true,
      settings: { sidebarCollapsed: true },
    });
  });

  it("clears the cache on sign-out", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn();
    await background.send("settings.set", { sidebarCollapsed: true });
    await vi.waitFor(() => expect(api.count("PUT /v1/me/settings")).toBe(1));

    expect(await background.send("session.signOut", {})).toEqual({ ok: true });

    expect(await background.cacheSize()).toEqual({ overlaps: 0, accounts: 0 });
    expect(await background.send("settings.get", {})).toEqual({
      ok: true,
      settings: { sidebarCollapsed: false },
    });
    expect(api.count("POST /v1/auth/sign-out")).toBe(1);
  });

  it("starts a new cache when someone else signs in", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn("first@acme.example");
    api.upsert(syncedOverlap(2, "001B"));
    await background.send("sync.now", {});

    await background.signIn("second@acme.example");

    const [, firstDelta, secondFirst] = syncRequests(api.requests);
    expect(firstDelta).toContain("cursor=");
    // The first user's cursor would skip what the second user has not seen yet.
    expect(secondFirst).not.toContain("cursor=");
    expect(await background.cacheSize()).toMatchObject({ overlaps: 2 });
  });

  it("keeps the cache, and resumes from its cursor, when the same user signs in again", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn();

    await background.signIn();

    const [, again] = syncRequests(api.requests);
    expect(again).toContain("cursor=");
    expect(await background.cacheSize()).toMatchObject({ overlaps: 1 });
  });
});
