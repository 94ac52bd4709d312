/**
 * A server published under a path, behind a reverse proxy that strips it: every request goes under
 * the path the user typed. The fake server answers only there (see ./testing/fake-api).
 */
import { describe, expect, it } from "vitest";
import { SESSION_STORAGE_KEY } from "../session-key";
import { createFakeApi, SERVER_URL, syncedOverlap } from "./testing/fake-api";
import { PASSWORD, startBackground } from "./testing/harness";

const PUBLISHED_AT = "http://127.0.0.1:8787/cosell";

describe("a server published under a path", () => {
  it("signs in, syncs, looks up, corrects, stores settings and signs out under that path", async () => {
    const api = createFakeApi({ address: PUBLISHED_AT });
    api.upsert(syncedOverlap(1, "001A"), syncedOverlap(2, "001B"));
    api.addUser("rep@acme.example", PASSWORD);
    const background = await startBackground(api);

    const signedIn = await background.send("session.signIn", {
      serverUrl: `${PUBLISHED_AT}/`,
      email: "rep@acme.example",
      password: PASSWORD,
    });
    expect(signedIn).toMatchObject({ ok: true, session: { serverUrl: PUBLISHED_AT } });
    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });
    expect(await background.cacheSize()).toEqual({ overlaps: 2, accounts: 0 });
    expect(await background.lookUp("001C")).toMatchObject({ state: "ready", data: { partners: [] } });
    expect(
      await background.send("overlap.markWrong", { overlapId: syncedOverlap(2, "001B").overlapId }),
    ).toEqual({ ok: true });
    await background.send("settings.set", { sidebarCollapsed: true });
    await expect.poll(() => api.count("PUT /cosell/v1/me/settings")).toBe(1);
    expect(await background.send("session.signOut", {})).toEqual({ ok: true });

    const routes = api.requests.map((request) => request.replace(/\?.*/, ""));
    expect(new Set(routes)).toEqual(
      new Set([
        "POST /cosell/v1/auth/sign-in",
        "GET /cosell/v1/me",
        "GET /cosell/v1/sync",
        "GET /cosell/v1/accounts/partners",
        `POST /cosell/v1/overlaps/${syncedOverlap(2, "001B").overlapId}/not-a-match`,
        "PUT /cosell/v1/me/settings",
        "POST /cosell/v1/auth/sign-out",
      ]),
    );
  });

  it("asks at the path as typed, where a mistyped path finds something other than the API", async () => {
    const api = createFakeApi({ address: PUBLISHED_AT });
    api.addUser("rep@acme.example", PASSWORD);
    const background = await startBackground(api);

    const answer = await background.send("session.signIn", {
      serverUrl: "http://127.0.0.1:8787/cosel",
      email: "rep@acme.example",
      password: PASSWORD,
    });

    // The proxy's own 404 page answered: something is there, but not the API.
    expect(answer).toMatchObject({ ok: false, code: "http_error" });
    expect(api.requests).toEqual(["POST /cosel/v1/auth/sign-in"]);
  });

  it("refuses an address with a query, whatever page sent it", async () => {
    const background = await startBackground(createFakeApi({ address: PUBLISHED_AT }));

    await expect(
      background.send("session.signIn", {
        serverUrl: `${PUBLISHED_AT}?team=emea`,
        email: "rep@acme.example",
        password: PASSWORD,
      }),
    ).resolves.toMatchObject({ ok: false, code: "bad_request" });
    expect(background.api.requests).toEqual([]);
  });
});

describe("a session stored before addresses kept their path", () => {
  it("holds the origin alone, and keeps syncing, and keeps its cache when the user signs in there again", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const me = api.addUser("rep@acme.example", PASSWORD);
    const background = await startBackground(api);
    const signedIn = await api.fetch(`${SERVER_URL}/v1/auth/sign-in`, {
      method: "POST",
      body: JSON.stringify({ email: "rep@acme.example", password: PASSWORD }),
    });
    const { token, expiresAt } = (await signedIn.json()) as { token: string; expiresAt: string };
    // As the previous version stored it: the server's origin, no path, no trailing slash.
    await background.browser.storage.local.set({
      [SESSION_STORAGE_KEY]: { serverUrl: "http://127.0.0.1:8787", token, expiresAt, me },
    });
    await background.restartWorker();

    expect(await background.send("session.get", {})).toMatchObject({
      session: { serverUrl: "http://127.0.0.1:8787" },
    });
    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });
    expect(await background.cacheSize()).toMatchObject({ overlaps: 1 });

    // Typed with a trailing slash, the same server is the same address: the cache and its cursor stay.
    expect(
      await background.send("session.signIn", {
        serverUrl: "http://127.0.0.1:8787/",
        email: "rep@acme.example",
        password: PASSWORD,
      }),
    ).toMatchObject({ ok: true, session: { serverUrl: "http://127.0.0.1:8787" } });
    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });
    const syncs = api.requests.filter((request) => request.startsWith("GET /v1/sync"));
    expect(syncs.length).toBeGreaterThan(1);
    expect(syncs.slice(1).every((request) => request.includes("cursor="))).toBe(true);
  });
});
