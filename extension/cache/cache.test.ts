import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ScoringBasis, SyncResponse } from "../../src/contract/sync";
import type { SolutionArea } from "../../src/scoring";
import { syncedOverlap } from "../background/testing/fake-api";

const alice = { serverUrl: "https://cosell.example", userId: "alice" };
const bob = { serverUrl: "https://cosell.example", userId: "bob" };
const NOW = "2026-01-02T03:04:05.000Z";

function page(changes: Partial<SyncResponse>): SyncResponse {
  return {
    cursor: "c1",
    hasMore: false,
    reset: false,
    overlaps: [],
    deleted: [],
    settings: null,
    scoring: null,
    ...changes,
  };
}

// Fresh modules and a fresh IndexedDB per test, so no connection or data carries over.
async function freshCache() {
  vi.resetModules();
  globalThis.indexedDB = new IDBFactory();
  return {
    ...(await import("./db")),
    ...(await import("./accounts")),
    ...(await import("./sync-pages")),
    ...(await import("./settings")),
  };
}

let cache: Awaited<ReturnType<typeof freshCache>>;
beforeEach(async () => {
  cache = await freshCache();
});

describe("the offline cache", () => {
  it("stores a full sync page with its cursor", async () => {
    await cache.claimCache(alice);

    await cache.applySyncPage(
      alice,
      page({ reset: true, overlaps: [syncedOverlap(1, "A"), syncedOverlap(2, "A")] }),
      NOW,
    );

    expect(await cache.readSyncState(alice)).toMatchObject({ owner: alice, cursor: "c1", lastSyncedAt: NOW });
    expect((await cache.readAccount(alice, "A"))?.data.partners).toHaveLength(2);
  });

  it("records the sync time only once the feed has no more pages", async () => {
    await cache.claimCache(alice);

    await cache.applySyncPage(alice, page({ hasMore: true, overlaps: [syncedOverlap(1, "A")] }), NOW);

    expect(await cache.readSyncState(alice)).toMatchObject({ cursor: "c1", lastSyncedAt: null });
  });

  it("replaces everything, answered accounts included, on a reset", async () => {
    await cache.claimCache(alice);
    await cache.applySyncPage(alice, page({ overlaps: [syncedOverlap(1, "A")] }), NOW);
    const askedAt = await cache.feedChangesSoFar(alice);
    await cache.storeAccountAnswer(alice, "EMPTY", { account: null, partners: [] }, NOW, askedAt);

    await cache.applySyncPage(alice, page({ reset: true, overlaps: [syncedOverlap(2, "B")] }), NOW);

    expect(await cache.readAccount(alice, "A")).toBeNull();
    expect(await cache.readAccount(alice, "EMPTY")).toBeNull();
    expect(await cache.readAccount(alice, "B")).not.toBeNull();
  });

  it("keeps the data of a completed sync, and its time, until a full sync over it completes", async () => {
    const LATER = "2026-01-03T03:04:05.000Z";
    const names = async (crmId: string) =>
      (await cache.readAccount(alice, crmId))?.data.partners.map((partner) => partner.partner.name).sort();
    await cache.claimCache(alice);
    await cache.applySyncPage(
      alice,
      page({ reset: true, overlaps: [syncedOverlap(1, "A"), syncedOverlap(2, "A"), syncedOverlap(3, "B")] }),
      NOW,
    );
    const askedAt = await cache.feedChangesSoFar(alice);
    await cache.storeAccountAnswer(alice, "EMPTY", { account: null, partners: [] }, NOW, askedAt);

    const firstPage = [syncedOverlap(1, "A", "Renamed"), syncedOverlap(3, "B")];
    await cache.applySyncPage(alice, page({ reset: true, hasMore: true, overlaps: firstPage }), LATER);
    expect(await names("A")).toEqual(["Partner 2", "Renamed"]);
    expect(await names("B")).toEqual(["Partner 3"]);
    expect(await cache.readAccount(alice, "EMPTY")).not.toBeNull();
    expect(await cache.readSyncState(alice)).toMatchObject({ lastSyncedAt: NOW });

    // The last page sends nothing more: overlap 2 is gone from the server, and from the cache now.
    expect(await cache.applySyncPage(alice, page({}), LATER)).toBe(true);
    expect(await names("A")).toEqual(["Renamed"]);
    expect(await names("B")).toEqual(["Partner 3"]);
    expect(await cache.readAccount(alice, "EMPTY")).toBeNull();
    expect(await cache.readSyncState(alice)).toMatchObject({ lastSyncedAt: LATER });
  });

  it("applies tombstones, and still knows an account whose last partner went away", async () => {
    await cache.claimCache(alice);
    await cache.applySyncPage(alice, page({ overlaps: [syncedOverlap(1, "A"), syncedOverlap(2, "B")] }), NOW);

    await cache.applySyncPage(
      alice,
      page({ deleted: [{ entity: "overlap", id: syncedOverlap(1, "A").overlapId }] }),
      NOW,
    );

    expect(await cache.readAccount(alice, "A")).toMatchObject({
      data: { account: { crmId: "A" }, partners: [] },
    });
    expect((await cache.readAccount(alice, "B"))?.data.partners).toHaveLength(1);
  });

  it("replaces the earlier copy of a changed overlap, wherever it was stored", async () => {
    await cache.claimCache(alice);
    const many = Array.from({ length: 250 }, (_, i) => syncedOverlap(i + 1, `ACC${i % 90}`));
    await cache.applySyncPage(alice, page({ reset: true, overlaps: many }), NOW);

    const moved = { ...syncedOverlap(150, "ACC59", "Renamed"), account: syncedOverlap(1, "MOVED").account };
    await cache.applySyncPage(alice, page({ overlaps: [syncedOverlap(5, "ACC4", "Renamed"), moved] }), NOW);

    const names = async (crmId: string) =>
      (await cache.readAccount(alice, crmId))?.data.partners.map((partner) => partner.partner.name).sort();
    expect(await names("ACC4")).toEqual(["Partner 185", "Partner 95", "Renamed"]);
    expect(await names("ACC59")).toEqual(["Partner 240", "Partner 60"]);
    expect(await names("MOVED")).toEqual(["Renamed"]);
  });

  it("lists an account's partners best match first", async () => {
    await cache.claimCache(alice);
    const weak = {
      ...syncedOverlap(1, "A", "Zeta"),
      match: { method: "name" as const, confidence: 0.6, matchedOn: "a" },
    };
    await cache.applySyncPage(
      alice,
      page({ overlaps: [weak, syncedOverlap(2, "A", "Beta"), syncedOverlap(3, "A", "Alpha")] }),
      NOW,
    );

    const names = (await cache.readAccount(alice, "A"))?.data.partners.map((partner) => partner.partner.name);

    expect(names).toEqual(["Alpha", "Beta", "Zeta"]);
  });

  it("scores an account it knows only from the feed, with the feed's scoring basis, best partner first", async () => {
    await cache.claimCache(alice);
    const account = { ...syncedOverlap(1, "A").account, industry: "Retail", segment: "mid_market" as const };
    const consultancy = { ...syncedOverlap(1, "A", "Consultancy"), account };
    // The surer match, so that only the scores can put the consultancy first.
    const reseller = {
      ...syncedOverlap(2, "A", "Reseller"),
      account,
      match: { method: "domain" as const, confidence: 0.99, matchedOn: "a.example" },
    };
    const basisOf = (overlap: typeof consultancy, solutionAreas: SolutionArea[], introsAccepted: number) => ({
      profile: {
        orgId: overlap.partner.id,
        name: overlap.partner.name,
        solutionAreas,
        track: "complementary" as const,
        coSellOptIn: true,
      },
      trackRecord: {
        introsAccepted,
        introsDeclined: 0,
        introsExpiredUnanswered: 0,
        medianResponseHours: 12,
        sharedCustomers: 40,
        sharedCustomersInTarget: 30,
      },
    });
    const scoring: ScoringBasis = {
      vendor: {
        covers: ["analytics"],
        leavesToPartners: [{ area: "implementation_services" }],
        target: { segments: ["mid_market"], industries: [], regions: [] },
      },
      partners: [basisOf(reseller, ["analytics"], 0), basisOf(consultancy, ["implementation_services"], 9)],
    };

    await cache.applySyncPage(alice, page({ reset: true, overlaps: [reseller, consultancy], scoring }), NOW);
    // A later page without a basis keeps the last one.
    await cache.applySyncPage(alice, page({ overlaps: [] }), NOW);

    const partners = (await cache.readAccount(alice, "A"))?.data.partners;
    expect(partners?.map((partner) => [partner.partner.name, partner.score?.classification])).toEqual([
      ["Consultancy", "complementary"],
      ["Reseller", "adjacent"],
    ]);
    expect(partners?.[0]?.score?.completeness.explanation).toMatch(/which our product leaves to partners/);
  });

  it("takes a page whose scoring basis is malformed, without the basis", async () => {
    const { SyncPage } = await import("./stored-overlap");
    const malformed = { vendor: null, partners: [{ profile: { orgId: "not a uuid" }, trackRecord: {} }] };

    const parsed = SyncPage.parse(page({ overlaps: [syncedOverlap(1, "A")], scoring: malformed as never }));

    expect(parsed.scoring).toBeNull();
    expect(parsed.overlaps).toHaveLength(1);
  });

  it("lists partners without a score when the feed sent no scoring basis", async () => {
    await cache.claimCache(alice);
    await cache.applySyncPage(alice, page({ overlaps: [syncedOverlap(1, "A")] }), NOW);

    expect((await cache.readAccount(alice, "A"))?.data.partners.map((partner) => partner.score)).toEqual([
      undefined,
    ]);
  });

  it("empties itself when another user claims it, and keeps its data for the same user", async () => {
    await cache.claimCache(alice);
    await cache.applySyncPage(alice, page({ overlaps: [syncedOverlap(1, "A")] }), NOW);

    await cache.claimCache(alice);
    expect(await cache.readAccount(alice, "A")).not.toBeNull();

    await cache.claimCache(bob);
    expect(await cache.readAccount(bob, "A")).toBeNull();
    expect(await cache.readSyncState(bob)).toMatchObject({ owner: bob, cursor: null, lastSyncedAt: null });
  });

  it("treats the same user on another server as someone else", async () => {
    await cache.claimCache(alice);
    await cache.applySyncPage(alice, page({ overlaps: [syncedOverlap(1, "A")] }), NOW);
    const elsewhere = { ...alice, serverUrl: "https://other.example" };

    await cache.claimCache(elsewhere);

    expect(await cache.readAccount(elsewhere, "A")).toBeNull();
  });

  it("refuses a write for a previous owner, so a late answer cannot bring old data back", async () => {
    await cache.claimCache(alice);
    await cache.clearCache();

    await expect(
      cache.applySyncPage(alice, page({ overlaps: [syncedOverlap(1, "A")] }), NOW),
    ).rejects.toBeInstanceOf(cache.CacheOwnerChanged);
    await cache.claimCache(alice);
    expect(await cache.readAccount(alice, "A")).toBeNull();
  });

  it("keeps a local settings change that the server has not accepted yet over the feed's", async () => {
    await cache.claimCache(alice);
    await cache.changeSettings({ sidebarCollapsed: true });

    await cache.applySyncPage(alice, page({ settings: { sidebarCollapsed: false } }), NOW);
    expect(await cache.readSettings()).toEqual({ settings: { sidebarCollapsed: true }, pendingUpload: true });

    await cache.settleUpload({ sidebarCollapsed: true });
    await cache.applySyncPage(alice, page({ settings: { sidebarCollapsed: false } }), NOW);
    expect(await cache.readSettings()).toEqual({
      settings: { sidebarCollapsed: false },
      pendingUpload: false,
    });
  });
});
