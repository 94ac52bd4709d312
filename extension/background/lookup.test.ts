import { describe, expect, it, vi } from "vitest";
import { PartnersChanged } from "../messages";
import { createFakeApi, syncedOverlap } from "./testing/fake-api";
import { EXTENSION_ID } from "./testing/fake-browser";
import { signal, startBackground } from "./testing/harness";

const lookups = "GET /v1/accounts/partners";

describe("partners.forAccount", () => {
  it("answers from the cache at once, then checks the account with the server", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn();

    const answer = await background.lookUp("001A");

    expect(answer).toMatchObject({ state: "ready", source: "cache", offline: false });
    expect(answer.state === "ready" && answer.syncedAt).toBeTruthy();
    expect(answer.state === "ready" && answer.data.partners.map((partner) => partner.partner.name)).toEqual([
      "Partner 1",
    ]);
    await vi.waitFor(() => expect(api.count(lookups)).toBe(1));
    expect(background.browser.pushes).toEqual([]);
  });

  it("pushes the server's answer to the tab when it differs from the cached one", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn();
    api.upsert(syncedOverlap(2, "001A", "New partner"));

    await background.lookUp("001A", { tabId: 4 });

    await vi.waitFor(() => expect(background.browser.pushes).toHaveLength(1));
    const [push] = background.browser.pushes;
    expect(push).toMatchObject({
      tabId: 4,
      message: { name: "partners.changed", payload: { recordId: "001A", result: { source: "server" } } },
    });
    expect(await background.lookUp("001A")).toMatchObject({
      data: { partners: [{ partner: { name: "New partner" } }, { partner: { name: "Partner 1" } }] },
    });
  });

  it("keeps a sync's deletion when an older answer from the server arrives after it", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"), syncedOverlap(2, "001A"));
    const background = await startBackground(api);
    await background.signIn();
    // The server makes its answer to a lookup at once; the network delivers it when released.
    const { done: delivery, fire: release } = signal();
    vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
      const response = await api.fetch(input, init);
      if (new URL(String(input)).pathname === "/v1/accounts/partners") await delivery;
      return response;
    });
    const partnersPushed = () =>
      background.browser.pushes.map((push) => {
        const { result } = PartnersChanged.parse(push.message).payload;
        return result.state === "ready" ? result.data.partners.map(({ partner }) => partner.name) : result;
      });

    // From the cache; the check with the server gets an answer that still has both partners.
    await background.lookUp("001A", { tabId: 3 });
    await vi.waitFor(() => expect(api.count(lookups)).toBe(1));
    api.remove(syncedOverlap(1, "001A").overlapId);
    await background.send("sync.now", {});
    expect(partnersPushed()).toEqual([["Partner 2"]]);
    release();

    // The old answer is set aside, and the server asked again.
    await vi.waitFor(() => expect(api.count(lookups)).toBe(2));
    expect(partnersPushed()).toEqual([["Partner 2"]]);
    api.reachable = false;
    expect(await background.lookUp("001A", { tabId: 4 })).toMatchObject({
      source: "cache",
      data: { partners: [{ partner: { name: "Partner 2" } }] },
    });
  });

  it("keeps a sync's deletion of a partner the cache never held when an older answer arrives after it", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(2, "001A"));
    const background = await startBackground(api);
    await background.signIn();
    // A partner arrives after the sync; the server makes its answer about 001A, with it, at once,
    // and the network delivers it when released.
    api.upsert(syncedOverlap(1, "001A"));
    const { done: delivery, fire: release } = signal();
    vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
      const response = await api.fetch(input, init);
      if (new URL(String(input)).pathname === "/v1/accounts/partners") await delivery;
      return response;
    });

    // From the cache; the check with the server gets an answer with the new partner.
    await background.lookUp("001A", { tabId: 3 });
    await vi.waitFor(() => expect(api.count(lookups)).toBe(1));
    // The partner goes again before the cache ever held it: the sync brings only its tombstone.
    api.remove(syncedOverlap(1, "001A").overlapId);
    expect(await background.send("sync.now", {})).toMatchObject({ ok: true });
    release();

    // The old answer is set aside, and the server asked again.
    await vi.waitFor(() => expect(api.count(lookups)).toBe(2));

    api.reachable = false;
    expect(await background.lookUp("001A", { tabId: 4 })).toMatchObject({
      source: "cache",
      data: { partners: [{ partner: { name: "Partner 2" } }] },
    });
  });

  it("keeps pushing to the account a tab shows now when the previous one's answer comes late", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(2, "001B", "Partner on B"));
    const background = await startBackground(api);
    await background.signIn();
    api.upsert(syncedOverlap(1, "001A", "Partner on A"));
    // The server's answer about A, which the cache does not know, is held up on the way.
    const { done: delivery, fire: release } = signal();
    vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) => {
      const response = await api.fetch(input, init);
      if (new URL(String(input)).searchParams.get("crmId") === "001A") await delivery;
      return response;
    });
    const pushedTo = () =>
      background.browser.pushes.map((push) => {
        const { recordId, result } = PartnersChanged.parse(push.message).payload;
        return { recordId, state: result.state };
      });

    const onA = background.lookUp("001A", { tabId: 7 });
    await vi.waitFor(() => expect(api.count(lookups)).toBe(1));
    // The rep moves on to B, which the cache answers, before the answer about A arrives.
    await background.lookUp("001B", { tabId: 7 });
    release();
    await onA;
    await vi.waitFor(() => expect(api.count(lookups)).toBe(2));

    api.upsert(syncedOverlap(3, "001B", "New partner on B"));
    await background.send("sync.now", {});
    await vi.waitFor(() => expect(pushedTo()).toEqual([{ recordId: "001B", state: "ready" }]));
    await background.send("session.signOut", {});
    expect(pushedTo().at(-1)).toEqual({ recordId: "001B", state: "signed_out" });
  });

  it("asks the server about an account the cache does not know, once, and caches the answer", async () => {
    const api = createFakeApi();
    const background = await startBackground(api);
    await background.signIn();
    api.upsert(syncedOverlap(1, "001A"));

    expect(await background.lookUp("001A")).toMatchObject({
      state: "ready",
      source: "server",
      offline: false,
    });
    expect(api.count(lookups)).toBe(1);

    api.reachable = false;
    expect(await background.lookUp("001A")).toMatchObject({
      state: "ready",
      source: "cache",
      data: { partners: [{ partner: { name: "Partner 1" } }] },
    });
  });

  it("remembers the server's 'no partners' answer for offline use", async () => {
    const api = createFakeApi();
    api.addAccount("001EMPTY", 9);
    const background = await startBackground(api);
    await background.signIn();

    expect(await background.lookUp("001EMPTY")).toMatchObject({ source: "server", data: { partners: [] } });
    api.reachable = false;

    expect(await background.lookUp("001EMPTY")).toMatchObject({
      state: "ready",
      source: "cache",
      data: { account: { crmId: "001EMPTY" }, partners: [] },
    });
  });

  it("serves cached data marked offline when the server cannot be reached", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn();
    api.reachable = false;

    expect(await background.lookUp("001A", { tabId: 3 })).toMatchObject({ source: "cache" });

    // The check with the server fails, so the tab learns that it shows saved data.
    await vi.waitFor(() => expect(background.browser.pushes).toHaveLength(1));
    expect(background.browser.pushes[0]?.message).toMatchObject({
      payload: { result: { state: "ready", source: "cache", offline: true, data: { partners: [{}] } } },
    });
    expect(await background.lookUp("001A")).toMatchObject({ state: "ready", offline: true });
  });

  it("says it can't reach the server when the account is not cached and the server is down", async () => {
    const api = createFakeApi();
    const background = await startBackground(api);
    await background.signIn();
    api.reachable = false;

    const answer = await background.lookUp("001UNKNOWN");

    expect(answer).toMatchObject({ state: "error" });
    expect(answer.state === "error" && answer.message).toMatch(/^Can't reach the server/);
  });

  it("treats a gateway's 502 in front of a stopped server as the server being down", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001A"));
    const background = await startBackground(api);
    await background.signIn();
    vi.stubGlobal("fetch", async () => new Response("<html>502 Bad Gateway</html>", { status: 502 }));

    expect(await background.lookUp("001A", { tabId: 3 })).toMatchObject({ source: "cache" });
    await vi.waitFor(() => expect(background.browser.pushes).toHaveLength(1));
    expect(background.browser.pushes[0]?.message).toMatchObject({
      payload: { result: { state: "ready", source: "cache", offline: true } },
    });
    const uncached = await background.lookUp("001UNKNOWN");
    expect(uncached.state === "error" && uncached.message).toMatch(/^Can't reach the server/);
  });

  it("says it can't reach the server when a network's sign-in page answers in its place", async () => {
    const api = createFakeApi();
    const background = await startBackground(api);
    await background.signIn();
    vi.stubGlobal(
      "fetch",
      async () => new Response("<html>Welcome to the hotel Wi-Fi</html>", { status: 200 }),
    );

    const answer = await background.lookUp("001UNKNOWN");

    expect(answer.state === "error" && answer.message).toMatch(/^Can't reach the server/);
  });

  it("finds a Salesforce account by the 15-character id of a Classic URL", async () => {
    const api = createFakeApi();
    api.upsert(syncedOverlap(1, "001Dn00000AbCdEIAV"));
    const background = await startBackground(api);
    await background.signIn();
    api.reachable = false;

    expect(await background.lookUp("001Dn00000AbCdE", { crm: "salesforce-classic" })).toMatchObject({
      state: "ready",
      source: "cache",
      data: { partners: [{ partner: { name: "Partner 1" } }] },
    });
  });

  it("answers signed_out without a session", async () => {
    const background = await startBackground();

    expect(await background.lookUp("001A")).toEqual({ state: "signed_out" });
  });

  it("refuses the lookup from an extension page, which has no account to show", async () => {
    const background = await startBackground();
    const account = { crm: "hubspot" as const, recordId: "42" };

    expect(await background.send("partners.forAccount", { account }, { id: EXTENSION_ID })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
  });
});
