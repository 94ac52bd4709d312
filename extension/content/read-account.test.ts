// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AccountRecord, CrmAdapter } from "../crm/types";
import { watchAccount } from "./read-account";

const URL_OF_RECORD = new URL("https://acme.lightning.force.com/lightning/r/Account/001Dn00000AbCdEIAX/view");
const RECORD_ID = "001Dn00000AbCdEIAX";

/** An adapter whose page shows whatever the test puts in `rendered`. */
function fakeAdapter() {
  const page: { rendered: AccountRecord | null } = { rendered: null };
  const adapter: CrmAdapter = {
    crm: "salesforce-lightning",
    matchesHost: () => true,
    accountIdFromUrl: () => RECORD_ID,
    isAccountList: () => false,
    readAccount: () => page.rendered,
    listRows: () => [],
  };
  return { adapter, page };
}

const record = (website: string | null): AccountRecord => ({
  crm: "salesforce-lightning",
  recordId: RECORD_ID,
  name: "Acme Corporation",
  website,
  missing: website ? [] : ["website"],
});

describe("watchAccount", () => {
  let reads: Array<[AccountRecord, boolean]>;
  const onRead = (account: AccountRecord, final: boolean) => reads.push([account, final]);

  beforeEach(() => {
    vi.useFakeTimers();
    reads = [];
  });
  afterEach(() => vi.useRealTimers());

  it("settles at once when name and website are both on the page", () => {
    const { adapter, page } = fakeAdapter();
    page.rendered = record("https://www.acme.com");
    watchAccount(adapter, URL_OF_RECORD, new AbortController().signal, onRead);
    expect(reads).toEqual([[record("https://www.acme.com"), true]]);
  });

  it("waits for the record to render", () => {
    const { adapter, page } = fakeAdapter();
    watchAccount(adapter, URL_OF_RECORD, new AbortController().signal, onRead);
    vi.advanceTimersByTime(1_000);
    expect(reads).toEqual([]);
    page.rendered = record("acme.com");
    vi.advanceTimersByTime(200);
    expect(reads).toEqual([[record("acme.com"), true]]);
  });

  it("reports the name at once and keeps looking for a website that renders late", () => {
    const { adapter, page } = fakeAdapter();
    page.rendered = record(null);
    watchAccount(adapter, URL_OF_RECORD, new AbortController().signal, onRead);
    expect(reads).toEqual([[record(null), false]]);
    vi.advanceTimersByTime(900);
    page.rendered = record("acme.com");
    vi.advanceTimersByTime(200);
    expect(reads).toEqual([
      [record(null), false],
      [record("acme.com"), true],
    ]);
  });

  it("decides the website is missing after a grace period of about 1.5 s", () => {
    const { adapter, page } = fakeAdapter();
    page.rendered = record(null);
    watchAccount(adapter, URL_OF_RECORD, new AbortController().signal, onRead);
    vi.advanceTimersByTime(1_400);
    expect(reads.at(-1)?.[1]).toBe(false);
    vi.advanceTimersByTime(300);
    expect(reads.at(-1)).toEqual([record(null), true]);
    vi.advanceTimersByTime(10_000);
    expect(reads).toHaveLength(2);
  });

  it("waits while a single-page CRM still shows the record it came from", () => {
    const { adapter, page } = fakeAdapter();
    const cameFrom = { name: "Globex", website: "globex.io" };
    // The URL names the new record; the header still shows the old one.
    page.rendered = { ...record("globex.io"), name: "Globex" };
    watchAccount(adapter, URL_OF_RECORD, new AbortController().signal, onRead, cameFrom);
    vi.advanceTimersByTime(600);
    expect(reads).toEqual([]);
    page.rendered = record("acme.com");
    vi.advanceTimersByTime(200);
    expect(reads).toEqual([[record("acme.com"), true]]);
  });

  it("shows a record that reads like the one before it once the grace period is over, final only at the timeout", () => {
    const { adapter, page } = fakeAdapter();
    page.rendered = record("acme.com");
    watchAccount(adapter, URL_OF_RECORD, new AbortController().signal, onRead, {
      name: "Acme Corporation",
      website: "acme.com",
    });
    vi.advanceTimersByTime(1_400);
    expect(reads).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(reads).toEqual([[record("acme.com"), false]]);
    vi.advanceTimersByTime(8_000);
    expect(reads).toEqual([
      [record("acme.com"), false],
      [record("acme.com"), true],
    ]);
  });

  it("replaces the record it came from with the new one when the page renders it late", () => {
    const { adapter, page } = fakeAdapter();
    const cameFrom = { name: "Globex", website: "globex.io" };
    page.rendered = { ...record("globex.io"), name: "Globex" };
    watchAccount(adapter, URL_OF_RECORD, new AbortController().signal, onRead, cameFrom);
    vi.advanceTimersByTime(1_600);
    page.rendered = record("acme.com");
    vi.advanceTimersByTime(200);
    expect(reads.at(-1)).toEqual([record("acme.com"), true]);
  });

  it("settles on the record id alone when the record never renders", () => {
    const { adapter } = fakeAdapter();
    watchAccount(adapter, URL_OF_RECORD, new AbortController().signal, onRead);
    vi.advanceTimersByTime(8_000);
    expect(reads).toEqual([
      [
        {
          crm: "salesforce-lightning",
          recordId: RECORD_ID,
          name: null,
          website: null,
          missing: ["name", "website"],
        },
        true,
      ],
    ]);
  });

  it("stops reading when the rep navigates away", () => {
    const { adapter, page } = fakeAdapter();
    const navigation = new AbortController();
    const read = vi.spyOn(adapter, "readAccount");
    watchAccount(adapter, URL_OF_RECORD, navigation.signal, onRead);
    navigation.abort();
    const attemptsSoFar = read.mock.calls.length;
    page.rendered = record("acme.com");
    vi.advanceTimersByTime(10_000);
    expect(reads).toEqual([]);
    expect(read.mock.calls.length).toBe(attemptsSoFar);
  });
});
