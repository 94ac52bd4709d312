// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AccountRecord, CrmAdapter } from "../crm/types";
import type { PartnersResult, Push } from "../messages";

const sent = vi.hoisted(() => ({
  handlers: {} as Record<string, (payload: unknown) => Promise<unknown>>,
  calls: [] as Array<[string, unknown]>,
  pushHandler: null as ((push: Push) => void) | null,
}));

vi.mock("../send", () => ({
  send: (name: string, payload: unknown) => {
    sent.calls.push([name, payload]);
    return sent.handlers[name]?.(payload) ?? Promise.reject(new Error(`no handler for ${name}`));
  },
}));
vi.mock("../receive", () => ({
  onPush: (handler: (push: Push) => void) => {
    sent.pushHandler = handler;
  },
}));

const { createSidebarFeature } = await import("./sidebar-feature");

const ACME = "001Dn00000AbCdEIAX";
const GLOBEX = "001Dn00000GlObXIAX";
const urlOf = (id: string) => new URL(`https://acme.lightning.force.com/lightning/r/Account/${id}/view`);

const adapter: CrmAdapter = {
  crm: "salesforce-lightning",
  matchesHost: () => true,
  accountIdFromUrl: (url) => /\/(001\w+)\/view/.exec(url.pathname)?.[1] ?? null,
  isAccountList: () => false,
  readAccount: (_doc, url): AccountRecord => ({
    crm: "salesforce-lightning",
    recordId: adapter.accountIdFromUrl(url)!,
    name: "Shown Account",
    website: "shown.example",
    missing: [],
  }),
  listRows: () => [],
};

const readyWith = (...names: string[]): Extract<PartnersResult, { state: "ready" }> => ({
  state: "ready",
  data: {
    account: null,
    partners: names.map((name, index) => ({
      overlapId: `00000000-0000-4000-8000-00000000000${index}`,
      partner: { id: `10000000-0000-4000-8000-00000000000${index}`, name },
      relationship: null,
      partnerAccountName: null,
      owner: null,
      match: { method: "domain" as const, confidence: 0.9, matchedOn: "shown.example" },
    })),
  },
  source: "cache",
  syncedAt: null,
  offline: false,
});

const shadow = () => document.querySelector("cosell-sidebar")?.shadowRoot;
const shownPartners = () =>
  [...(shadow()?.querySelectorAll("li h3") ?? [])].map((heading) => heading.textContent);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A lookup answer the test releases when it wants. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settleWith) => {
    resolve = settleWith;
  });
  return { promise, resolve };
}

describe("the sidebar feature", () => {
  let life: AbortController;

  beforeEach(() => {
    vi.stubGlobal("chrome", { runtime: { getURL: (path: string) => path } });
    life = new AbortController();
    sent.calls = [];
    sent.handlers = {
      "settings.get": async () => ({ ok: true, settings: { sidebarCollapsed: false } }),
      "settings.set": async () => ({ ok: true, settings: { sidebarCollapsed: true } }),
      "partners.forAccount": async () => readyWith("Bluefin Consulting"),
    };
  });

  afterEach(() => {
    life.abort();
    document.querySelector("cosell-sidebar")?.remove();
    vi.unstubAllGlobals();
  });

  it("looks partners up by record id at once, sending nothing the page shows", async () => {
    const feature = await createSidebarFeature(life.signal);
    feature.show(adapter, urlOf(ACME), new AbortController().signal);
    expect(sent.calls.find(([name]) => name === "partners.forAccount")?.[1]).toEqual({
      account: { crm: "salesforce-lightning", recordId: ACME },
    });
    await settle();
    expect(shownPartners()).toEqual(["Bluefin Consulting"]);
  });

  it("keeps one panel across accounts and never shows a slow answer about the account left behind", async () => {
    const slowAcme = deferred<PartnersResult>();
    sent.handlers["partners.forAccount"] = async (payload) =>
      (payload as { account: { recordId: string } }).account.recordId === ACME
        ? slowAcme.promise
        : readyWith("Harbor Data");
    const feature = await createSidebarFeature(life.signal);
    const onAcme = new AbortController();
    feature.show(adapter, urlOf(ACME), onAcme.signal);
    const panel = document.querySelector("cosell-sidebar");
    expect(shadow()?.textContent).toContain("Looking for partners…");

    onAcme.abort();
    feature.show(adapter, urlOf(GLOBEX), new AbortController().signal);
    await settle();
    slowAcme.resolve(readyWith("Bluefin Consulting"));
    await settle();
    expect(shownPartners()).toEqual(["Harbor Data"]);
    expect(document.querySelectorAll("cosell-sidebar")).toHaveLength(1);
    expect(document.querySelector("cosell-sidebar")).toBe(panel);
  });

  it("does not show the record it came from under the next one while a single-page CRM catches up", async () => {
    let header = "Acme Corporation";
    const singlePage: CrmAdapter = {
      ...adapter,
      readAccount: (_doc, url) => ({
        crm: "salesforce-lightning",
        recordId: adapter.accountIdFromUrl(url)!,
        name: header,
        website: null,
        missing: ["website"],
      }),
    };
    const accountLine = () => shadow()?.querySelector(".account")?.textContent;
    const feature = await createSidebarFeature(life.signal);
    const onAcme = new AbortController();
    feature.show(singlePage, urlOf(ACME), onAcme.signal);
    await vi.waitFor(() => expect(accountLine()).toBe("Acme Corporation"));

    // The URL moves to Globex; the header still says Acme for a moment.
    onAcme.abort();
    feature.show(singlePage, urlOf(GLOBEX), new AbortController().signal);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Nothing read yet: no account line rather than Acme's.
    expect(accountLine() ?? null).toBeNull();
    header = "Globex";
    await vi.waitFor(() => expect(accountLine()).toBe("Globex"));
  });

  it("takes pushed updates for the account it shows, and ignores pushes about others", async () => {
    const feature = await createSidebarFeature(life.signal);
    feature.show(adapter, urlOf(ACME), new AbortController().signal);
    await settle();
    sent.pushHandler?.({
      name: "partners.changed",
      payload: { recordId: GLOBEX, result: readyWith("Wrong") },
    });
    await settle();
    expect(shownPartners()).toEqual(["Bluefin Consulting"]);

    sent.pushHandler?.({
      name: "partners.changed",
      payload: { recordId: ACME, result: { ...readyWith("Bluefin Consulting"), offline: true } },
    });
    await settle();
    expect(shadow()?.textContent).toContain("Offline — showing saved data");
  });

  it("starts collapsed when the rep left it collapsed", async () => {
    sent.handlers["settings.get"] = async () => ({ ok: true, settings: { sidebarCollapsed: true } });
    const feature = await createSidebarFeature(life.signal);
    feature.show(adapter, urlOf(ACME), new AbortController().signal);
    expect(shadow()?.querySelector("[aria-expanded]")?.getAttribute("aria-expanded")).toBe("false");
  });

  it("shows the sidebar open when the settings cannot be read", async () => {
    sent.handlers["settings.get"] = async () => {
      throw new Error("background asleep");
    };
    const feature = await createSidebarFeature(life.signal);
    feature.show(adapter, urlOf(ACME), new AbortController().signal);
    expect(shadow()?.querySelector("[aria-expanded]")?.getAttribute("aria-expanded")).toBe("true");
  });

  it("turns a failed lookup into an error with Try again, which looks up again", async () => {
    let attempts = 0;
    sent.handlers["partners.forAccount"] = async () => {
      attempts++;
      if (attempts === 1) throw new Error("Could not establish connection.");
      return readyWith("Bluefin Consulting");
    };
    const feature = await createSidebarFeature(life.signal);
    feature.show(adapter, urlOf(ACME), new AbortController().signal);
    await settle();
    expect(shadow()?.querySelector("[role=alert]")?.textContent).toContain("Could not establish connection.");
    const tryAgain = [...(shadow()?.querySelectorAll("button") ?? [])].find(
      (b) => b.textContent === "Try again",
    );
    tryAgain?.click();
    await settle();
    expect(shownPartners()).toEqual(["Bluefin Consulting"]);
  });
});
