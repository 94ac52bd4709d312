import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { PartnerInAccount } from "../../../src/contract/partners";
import type { SyncResponse } from "../../../src/contract/sync";
import { type SolutionArea, scorePartnersInAccount } from "../../../src/scoring";
import type { Database } from "../../db/client";
import { introRequests, overlapCorrections, overlaps, partnerships, sharingRules } from "../../db/schema";
import { upsertAccounts } from "../../mapping/accounts";
import { runMatching } from "../../mapping/match-run";
import { writeSolutionMap } from "../../scoring/solution-map";
import { ownDatabase, useTestDatabase } from "../../testing/database";
import { createTestOrg, signInAs, testApp } from "../../testing/fixtures";
import {
  account,
  addPartner,
  partnerAccount,
  partneredOrgs,
  Replica,
  range,
  syncPage,
  type TestOrg,
  truth,
} from "./sync.fixtures";

const database = useTestDatabase();

const ids = (page: { overlaps: { overlapId: string }[] }) => page.overlaps.map((o) => o.overlapId);
const tombstoneIds = (page: SyncResponse) => page.deleted.map((t) => t.id);

/** The vendor's overlap id for its account number `n` with `partner`. */
async function overlapId(vendor: TestOrg, partner: TestOrg, n: number, db = database): Promise<string> {
  const [row] = await db.db
    .execute(
      sql`select o.id from account_overlaps o join accounts a on a.id = o.account_id
        where o.org_id = ${vendor.org.id} and o.partner_org_id = ${partner.org.id} and a.crm_id = ${`${vendor.slug}-${n}`}`,
    )
    .then((result) => (result as unknown as { rows: { id: string }[] }).rows);
  if (!row) throw new Error(`no overlap for account ${n}`);
  return row.id;
}

async function setPartnerAccounts(partner: TestOrg, vendor: TestOrg, changes: Record<number, object>) {
  await upsertAccounts(
    database.db,
    partner.org.id,
    Object.entries(changes).map(([n, change]) => partnerAccount(partner, vendor, Number(n), change)),
  );
}

describe("full sync", () => {
  it("pages through every visible overlap exactly once, then hands over to the delta feed", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 7 });
    const token = await signInAs(client, vendor.users.rep.email);

    const replica = new Replica();
    const pages = await replica.syncToEnd(client, token, 2);

    expect(pages.map((page) => page.reset)).toEqual([true, false, false, false]);
    expect(pages.map((page) => page.overlaps.length)).toEqual([2, 2, 2, 1]);
    const all = pages.flatMap(ids);
    expect(new Set(all).size).toBe(7);
    expect(all.sort()).toEqual(
      (await Promise.all(range(7).map((n) => overlapId(vendor, partner, n)))).sort(),
    );
    expect(pages[0]!.settings).toEqual({ sidebarCollapsed: false });
    expect(pages.slice(1).map((page) => page.settings)).toEqual([null, null, null]);

    const after = await syncPage(client, token, { cursor: replica.cursor });
    expect(after).toMatchObject({ hasMore: false, reset: false, overlaps: [], deleted: [], settings: null });
  });

  it("shapes each overlap like the account lookup, plus the caller's own account", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 1 });
    await upsertAccounts(database.db, vendor.org.id, [
      account(vendor, 1, { industry: "Retail", segment: "mid_market", region: "EMEA" }),
    ]);
    const token = await signInAs(client, vendor.users.rep.email);

    const [synced] = (await syncPage(client, token)).overlaps;
    const lookup = await client.request("GET", `/v1/accounts/partners?crmId=${vendor.slug}-1`, { token });

    const { account: own, ...partnerInAccount } = synced!;
    // The account's context goes along: its partners' scores depend on it.
    expect(own).toEqual({
      id: (lookup.body.account as { id: string }).id,
      crmId: `${vendor.slug}-1`,
      name: "Company 1",
      industry: "Retail",
      segment: "mid_market",
      region: "EMEA",
    });
    // The lookup adds a score the feed leaves out; everything the feed sends must agree with it.
    expect(lookup.body.partners).toEqual([expect.objectContaining(partnerInAccount)]);
    expect(partnerInAccount).toMatchObject({
      partner: { id: partner.org.id, name: "Partner" },
      relationship: "customer",
      partnerAccountName: "Company 1",
      owner: { name: "Owner 1", email: null },
      match: { method: "domain" },
    });
  });

  it("carries what scores depend on, so the extension scores saved accounts exactly as the lookup does", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 2 });
    const token = await signInAs(client, vendor.users.rep.email);

    const first = await syncPage(client, token);
    expect(first.scoring?.partners.map(({ profile }) => profile.orgId)).toEqual([partner.org.id]);
    const lookup = await client.request("GET", `/v1/accounts/partners?crmId=${vendor.slug}-1`, { token });
    const { account: own, ...synced } = first.overlaps.find((o) => o.account.crmId === `${vendor.slug}-1`)!;
    const basis = first.scoring!;
    const [scored] = scorePartnersInAccount(
      {
        vendor: basis.vendor,
        profiles: new Map(basis.partners.map(({ profile }) => [profile.orgId, profile])),
        trackRecords: new Map(basis.partners.map(({ profile, trackRecord }) => [profile.orgId, trackRecord])),
      },
      own,
      [synced],
    );
    expect(scored!.score).toEqual((lookup.body.partners as PartnerInAccount[])[0]!.score);

    // Nothing changed: the answer stays tiny. A change brings the basis again.
    const idle = await syncPage(client, token, { cursor: first.cursor });
    expect(idle.scoring).toBeNull();
    await upsertAccounts(database.db, vendor.org.id, [account(vendor, 1, { name: "Company 1 Renamed" })]);
    expect((await syncPage(client, token, { cursor: idle.cursor })).scoring).toEqual(basis);
  });

  it("never leaves the client a basis older than its cursor, when a change lands during the request", async () => {
    // The same database, with a hook that commits a change between a request's token check and its
    // transaction, as concurrent requests may.
    let beforeNextTransaction: (() => Promise<unknown>) | null = null;
    const hooked: Database = {
      get db() {
        return database.db;
      },
      get kind() {
        return database.kind;
      },
      transaction: async (setup, work) => {
        const hook = beforeNextTransaction;
        beforeNextTransaction = null;
        await hook?.();
        return database.transaction(setup, work);
      },
      close: () => database.close(),
    };
    const client = testApp(hooked);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 2 });
    const covering = (covers: SolutionArea[]) => ({
      covers,
      leavesToPartners: [],
      target: { segments: [], industries: [], regions: [] },
    });
    await writeSolutionMap(database.db, vendor.org.id, covering(["analytics"]), null);
    const rep = await signInAs(client, vendor.users.rep.email);
    const manager = await signInAs(client, vendor.users.manager.email);
    const replica = new Replica();
    await replica.syncToEnd(client, rep);

    await setPartnerAccounts(partner, vendor, { 1: { name: "Company 1 Renamed" } });
    // Another user's lookup keeps the basis as of that change.
    await client.request("GET", `/v1/accounts/partners?crmId=${vendor.slug}-1`, { token: manager });
    beforeNextTransaction = () =>
      writeSolutionMap(database.db, vendor.org.id, covering(["analytics", "crm"]), null);
    const pages = [...(await replica.syncToEnd(client, rep)), ...(await replica.syncToEnd(client, rep))];

    const latestBasis = pages.findLast((page) => page.scoring !== null)?.scoring;
    expect(latestBasis?.vendor?.covers).toEqual(["analytics", "crm"]);
  });

  it("leaves out what partners do not share", async () => {
    const client = testApp(database);
    const { vendor } = await partneredOrgs(database, { accounts: 2, share: { level: "counts" } });
    const token = await signInAs(client, vendor.users.rep.email);
    expect(ids(await syncPage(client, token))).toEqual([]);
  });
});

describe("delta sync", () => {
  it("returns exactly what changed: new, updated, unshared, corrected and deleted overlaps", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 5 });
    const unsharing = await addPartner(database, vendor, { accounts: [4, 5] });
    await upsertAccounts(database.db, vendor.org.id, [account(vendor, 6)]);
    await runMatching(database.db, { orgId: vendor.org.id });
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();
    await replica.syncToEnd(client, token);
    expect(replica.overlaps.size).toBe(7);
    const before = {
      updated: await overlapId(vendor, partner, 1),
      corrected: await overlapId(vendor, partner, 2),
      deleted: await overlapId(vendor, partner, 3),
      unshared: [await overlapId(vendor, unsharing, 4), await overlapId(vendor, unsharing, 5)],
    };

    // A new overlap through matching, a shared field changing, and a company leaving the partner's list.
    await setPartnerAccounts(partner, vendor, {
      6: {},
      1: { ownerName: "New Owner" },
      3: { name: "Someone Else", websites: ["someone-else.example.com"] },
    });
    await runMatching(database.db, { orgId: vendor.org.id });
    const created = await overlapId(vendor, partner, 6);
    // "Not a match", flagged by the vendor.
    await database.db.insert(overlapCorrections).values({
      orgId: vendor.org.id,
      crmId: `${vendor.slug}-2`,
      partnerOrgId: partner.org.id,
      partnerCrmId: `${partner.slug}-2`,
    });
    // A partner going back to sharing counts only.
    await database.db
      .update(sharingRules)
      .set({ level: "counts" })
      .where(eq(sharingRules.orgId, unsharing.org.id));

    const pages = await replica.syncToEnd(client, token);
    expect(pages).toHaveLength(1);
    const [delta] = pages;
    expect(delta!.reset).toBe(false);
    expect(ids(delta!).sort()).toEqual([before.updated, created].sort());
    expect(delta!.overlaps.find((o) => o.overlapId === before.updated)!.owner).toEqual({
      name: "New Owner",
      email: null,
    });
    expect(tombstoneIds(delta!).sort()).toEqual(
      [before.corrected, before.deleted, ...before.unshared].sort(),
    );
    expect(delta!.deleted.every((t) => t.entity === "overlap")).toBe(true);
    expect(replica.overlaps).toEqual(await truth(client, token));
  });

  it("delivers each change once across small pages, and nothing after the last", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 9 });
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();
    await replica.syncToEnd(client, token);

    for (const n of range(9))
      await setPartnerAccounts(partner, vendor, { [n]: { ownerName: `Owner ${n}b` } });
    const pages = await replica.syncToEnd(client, token, 2);

    expect(pages.map((page) => page.overlaps.length)).toEqual([2, 2, 2, 2, 1]);
    expect(pages.map((page) => page.hasMore)).toEqual([true, true, true, true, false]);
    const delivered = pages.flatMap(ids);
    expect(delivered).toHaveLength(9);
    expect(new Set(delivered).size).toBe(9);
    expect([...replica.overlaps.values()].map((o) => o.owner?.name).sort()).toEqual(
      range(9).map((n) => `Owner ${n}b`),
    );
    expect(await syncPage(client, token, { cursor: replica.cursor })).toMatchObject({
      overlaps: [],
      deleted: [],
      hasMore: false,
    });
  });

  it("counts an entity that changed several times once, with its latest state", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 2 });
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();
    await replica.syncToEnd(client, token);

    for (const owner of ["A", "B", "C"])
      await setPartnerAccounts(partner, vendor, { 1: { ownerName: owner } });
    await setPartnerAccounts(partner, vendor, { 2: { ownerName: "D" } });
    const pages = await replica.syncToEnd(client, token, 1);

    expect(pages.map((page) => page.overlaps.map((o) => o.owner?.name))).toEqual([["C"], ["D"]]);
  });

  it("carries a rename of the caller's own account and of the partner organisation", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 1 });
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();
    await replica.syncToEnd(client, token);

    await upsertAccounts(database.db, vendor.org.id, [account(vendor, 1, { name: "Company One Renamed" })]);
    const afterOwnRename = await replica.syncToEnd(client, token);
    expect(afterOwnRename.flatMap((page) => page.overlaps.map((o) => o.account.name))).toEqual([
      "Company One Renamed",
    ]);

    await database.db.execute(sql`update orgs set name = 'Partner Renamed' where id = ${partner.org.id}`);
    const afterOrgRename = await replica.syncToEnd(client, token);
    expect(afterOrgRename.flatMap((page) => page.overlaps.map((o) => o.partner.name))).toEqual([
      "Partner Renamed",
    ]);
  });

  it("carries changes to the industry, segment and region of the caller's own account", async () => {
    const client = testApp(database);
    const { vendor } = await partneredOrgs(database, { accounts: 1 });
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();
    await replica.syncToEnd(client, token);

    await upsertAccounts(database.db, vendor.org.id, [
      account(vendor, 1, { industry: "Banking", segment: "enterprise", region: "APAC" }),
    ]);
    const pages = await replica.syncToEnd(client, token);
    expect(pages.flatMap((page) => page.overlaps.map((o) => o.account))).toMatchObject([
      { crmId: `${vendor.slug}-1`, industry: "Banking", segment: "enterprise", region: "APAC" },
    ]);
  });

  it("does not show that a partner changed what it keeps to itself", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, {
      accounts: 2,
      share: { level: "overlaps", fields: ["name"] },
    });
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();
    await replica.syncToEnd(client, token);

    await setPartnerAccounts(partner, vendor, {
      1: { ownerName: "Someone New", ownerEmail: "someone.new@example.com" },
      2: { relationship: "opportunity" },
    });
    expect(await replica.syncToEnd(client, token)).toMatchObject([{ overlaps: [], deleted: [] }]);

    // What it shares still comes through.
    await setPartnerAccounts(partner, vendor, { 1: { name: "Company 1 Renamed" } });
    const [renamed] = await replica.syncToEnd(client, token);
    expect(renamed!.overlaps.map((o) => [o.overlapId, o.partnerAccountName])).toEqual([
      [await overlapId(vendor, partner, 1), "Company 1 Renamed"],
    ]);
  });

  it("sends a partner that shares counts only nothing at all, whatever it changes", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 2, share: { level: "counts" } });
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();
    await replica.syncToEnd(client, token);

    await setPartnerAccounts(partner, vendor, {
      1: { name: "Renamed", ownerName: "Someone New" },
      2: { relationship: "prospect" },
    });
    // Saved again with its populations changed, still at counts level.
    await database.db
      .update(sharingRules)
      .set({ populations: ["customer"] })
      .where(eq(sharingRules.orgId, partner.org.id));
    expect(await replica.syncToEnd(client, token)).toMatchObject([{ overlaps: [], deleted: [] }]);
  });

  it("sends no tombstone for an overlap the caller was never shown, whatever changes around it", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, {
      accounts: 3,
      share: { level: "overlaps", populations: ["customer"], fields: ["name"] },
    });
    const counting = await addPartner(database, vendor, { accounts: [1], share: { level: "counts" } });
    await setPartnerAccounts(partner, vendor, { 2: { relationship: "prospect" } });
    await runMatching(database.db, { orgId: vendor.org.id });
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();
    await replica.syncToEnd(client, token);
    expect(replica.overlaps.size).toBe(2);

    // The caller's own accounts change (2 overlaps the partner's unshared prospect, 1 the counts-only
    // partner), the caller's solution map and a partner's profile change, a partner that shares
    // counts only matches a new account, and a sharing rule changes in what it shows.
    await upsertAccounts(database.db, vendor.org.id, [
      account(vendor, 1, { name: "Company 1 Renamed" }),
      account(vendor, 2, { name: "Company 2 Renamed", industry: "Banking" }),
    ]);
    await writeSolutionMap(
      database.db,
      vendor.org.id,
      { covers: ["analytics"], leavesToPartners: [], target: { segments: [], industries: [], regions: [] } },
      null,
    );
    await database.db.execute(
      sql`update partner_profiles set co_sell_opt_in = true where org_id = ${partner.org.id}`,
    );
    await database.db.execute(
      sql`insert into partner_profiles (org_id, co_sell_opt_in) values (${counting.org.id}, true)
          on conflict (org_id) do update set co_sell_opt_in = true`,
    );
    await setPartnerAccounts(counting, vendor, { 3: {} });
    await runMatching(database.db, { orgId: vendor.org.id });
    await database.db
      .update(sharingRules)
      .set({ fields: ["name", "owner_name"] })
      .where(eq(sharingRules.orgId, partner.org.id));

    const pages = await replica.syncToEnd(client, token);
    const shown = [await overlapId(vendor, partner, 1), await overlapId(vendor, partner, 3)];
    expect(pages.flatMap(tombstoneIds)).toEqual([]);
    expect(new Set(pages.flatMap(ids))).toEqual(new Set(shown));
    expect(replica.overlaps).toEqual(await truth(client, token));
  });

  it("removes an overlap whose account leaves the populations a partner shares", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, {
      accounts: 2,
      share: { level: "overlaps", populations: ["customer"], fields: ["name"] },
    });
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();
    await replica.syncToEnd(client, token);
    expect(replica.overlaps.size).toBe(2);

    await setPartnerAccounts(partner, vendor, { 1: { relationship: "prospect" } });
    const [delta] = await replica.syncToEnd(client, token);
    expect(delta).toMatchObject({
      overlaps: [],
      deleted: [{ entity: "overlap", id: await overlapId(vendor, partner, 1) }],
    });
    expect(replica.overlaps).toEqual(await truth(client, token));
  });

  it("never loses a change written between page requests", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 8 });
    const token = await signInAs(client, vendor.users.rep.email);
    let next = 100;
    const writeSomething = async () => {
      const n = next++;
      // One new overlap (it may sort before or after the full sync's keyset position), one update,
      // one removal.
      await upsertAccounts(database.db, vendor.org.id, [account(vendor, n)]);
      await setPartnerAccounts(partner, vendor, {
        [n]: {},
        [1 + (n % 8)]: { ownerName: `Owner at ${n}` },
      });
      await runMatching(database.db, { orgId: vendor.org.id });
      if (n % 3 === 0) {
        await database.db.delete(overlaps).where(eq(overlaps.id, await overlapId(vendor, partner, n)));
      }
    };

    const replica = new Replica();
    await replica.syncToEnd(client, token, 3, writeSomething);
    expect(replica.overlaps).toEqual(await truth(client, token));

    await replica.syncToEnd(client, token, 1, writeSomething);
    expect(replica.overlaps).toEqual(await truth(client, token));
  });

  it("never loses a change written concurrently with the requests", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 6 });
    const newcomers = range(6, 50);
    await upsertAccounts(
      database.db,
      vendor.org.id,
      newcomers.map((n) => account(vendor, n)),
    );
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();

    // Matching runs one at a time (as the CLI runs them); field changes and settings race with them
    // and with the reads.
    const matching = (async () => {
      for (const n of newcomers) {
        await setPartnerAccounts(partner, vendor, { [n]: {} });
        await runMatching(database.db, { orgId: vendor.org.id });
      }
    })();
    const fieldChanges = range(6).map((n) =>
      setPartnerAccounts(partner, vendor, { [n]: { ownerName: `Racing ${n}` } }),
    );
    const settings = client.request("PUT", "/v1/me/settings", { token, body: { sidebarCollapsed: true } });
    const reads = (async () => {
      for (let i = 0; i < 6; i++)
        replica.apply(await syncPage(client, token, { cursor: replica.cursor, limit: 2 }));
    })();
    await Promise.all([matching, ...fieldChanges, settings, reads]);
    await replica.syncToEnd(client, token, 2);

    const expected = await truth(client, token);
    expect(expected.size).toBe(12);
    expect(replica.overlaps).toEqual(expected);
    expect(replica.settings).toEqual({ sidebarCollapsed: true });
  });

  it("skips intro changes without holding the cursor back", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 1 });
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();
    await replica.syncToEnd(client, token);
    const [partnership] = await database.db
      .select()
      .from(partnerships)
      .where(and(eq(partnerships.orgA, vendor.org.id), eq(partnerships.orgB, partner.org.id)));
    await database.db.insert(introRequests).values(
      range(3).map(() => ({
        id: randomUUID(),
        fromOrgId: vendor.org.id,
        toOrgId: partner.org.id,
        partnershipId: partnership!.id,
      })),
    );
    await setPartnerAccounts(partner, vendor, { 1: { ownerName: "After intros" } });

    const pages = await replica.syncToEnd(client, token, 1);
    expect(pages.flatMap(ids)).toEqual([await overlapId(vendor, partner, 1)]);
    expect(pages.flatMap((page) => page.deleted)).toEqual([]);
    expect(await syncPage(client, token, { cursor: replica.cursor })).toMatchObject({
      overlaps: [],
      hasMore: false,
    });
  });

  it("answers an unchanged feed in well under a kilobyte", async () => {
    const client = testApp(database);
    const { vendor } = await partneredOrgs(database, { accounts: 3 });
    const token = await signInAs(client, vendor.users.rep.email);
    const replica = new Replica();
    await replica.syncToEnd(client, token);

    const response = await client.app.request(`/v1/sync?cursor=${replica.cursor}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ hasMore: false, overlaps: [], deleted: [], settings: null });
    expect(new TextEncoder().encode(text).length).toBeLessThan(300);
  });
});

describe("settings", () => {
  it("reach the user's other browsers through the feed, and no one else's", async () => {
    const client = testApp(database);
    const org = await createTestOrg(database);
    const token = await signInAs(client, org.users.rep.email);
    const otherBrowser = new Replica();
    await otherBrowser.syncToEnd(client, token);
    const colleague = await signInAs(client, org.users.manager.email);
    const colleagueReplica = new Replica();
    await colleagueReplica.syncToEnd(client, colleague);

    const put = await client.request("PUT", "/v1/me/settings", { token, body: { sidebarCollapsed: true } });
    expect(put).toMatchObject({ status: 200, body: { sidebarCollapsed: true } });
    expect((await client.request("GET", "/v1/me/settings", { token })).body).toEqual({
      sidebarCollapsed: true,
    });

    const [delta] = await otherBrowser.syncToEnd(client, token);
    expect(delta!.settings).toEqual({ sidebarCollapsed: true });
    expect((await colleagueReplica.syncToEnd(client, colleague))[0]!.settings).toBeNull();

    // Writing the same value again is not a change.
    await client.request("PUT", "/v1/me/settings", { token, body: { sidebarCollapsed: true } });
    expect((await otherBrowser.syncToEnd(client, token))[0]!.settings).toBeNull();
    expect((await syncPage(client, token)).settings).toEqual({ sidebarCollapsed: true });
  });

  it("reject a malformed body, naming the field", async () => {
    const client = testApp(database);
    const org = await createTestOrg(database);
    const token = await signInAs(client, org.users.rep.email);
    const response = await client.request("PUT", "/v1/me/settings", {
      token,
      body: { sidebarCollapsed: "yes" },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { details: [{ field: "sidebarCollapsed" }] } });
  });
});

describe("tenancy and cursors", () => {
  it("never shows one organisation another's overlaps or changes", async () => {
    const client = testApp(database);
    const { vendor } = await partneredOrgs(database, { accounts: 2 });
    const rival = await createTestOrg(database, "Rival");
    const rivalPartner = await addPartner(database, rival, { accounts: [1, 2] });
    await upsertAccounts(
      database.db,
      rival.org.id,
      range(2).map((n) => account(rival, n)),
    );
    await runMatching(database.db, { orgId: rival.org.id });
    const vendorToken = await signInAs(client, vendor.users.rep.email);
    const rivalToken = await signInAs(client, rival.users.rep.email);
    const vendorReplica = new Replica();
    const rivalReplica = new Replica();
    await vendorReplica.syncToEnd(client, vendorToken);
    await rivalReplica.syncToEnd(client, rivalToken);
    const rivalOverlaps = await Promise.all(range(2).map((n) => overlapId(rival, rivalPartner, n)));
    expect([...rivalReplica.overlaps.keys()].sort()).toEqual([...rivalOverlaps].sort());
    expect(vendorReplica.overlaps.size).toBe(2);
    expect([...vendorReplica.overlaps.keys()].some((id) => rivalOverlaps.includes(id))).toBe(false);

    await setPartnerAccounts(rivalPartner, rival, { 1: { ownerName: "Rival change" } });
    await database.db.delete(overlaps).where(eq(overlaps.id, rivalOverlaps[1]!));
    const vendorDelta = await vendorReplica.syncToEnd(client, vendorToken);
    expect(vendorDelta).toEqual([expect.objectContaining({ overlaps: [], deleted: [] })]);
    const rivalDelta = await rivalReplica.syncToEnd(client, rivalToken);
    expect(rivalDelta.flatMap(ids)).toEqual([rivalOverlaps[0]]);
    expect(rivalDelta.flatMap(tombstoneIds)).toEqual([rivalOverlaps[1]]);
  });

  it.each([
    ["garbage", "not a cursor!"],
    ["base64 of something else", Buffer.from('{"hello":"world"}').toString("base64url")],
    ["a future version", Buffer.from('{"v":2,"u":"x","s":1}').toString("base64url")],
  ])("rejects %s as a cursor with a 400 naming the field", async (_, cursor) => {
    const client = testApp(database);
    const org = await createTestOrg(database);
    const token = await signInAs(client, org.users.rep.email);
    const response = await client.request("GET", `/v1/sync?cursor=${encodeURIComponent(cursor)}`, { token });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: "invalid_request", details: [{ field: "query.cursor" }] },
    });
  });

  it("rejects another user's cursor", async () => {
    const client = testApp(database);
    const org = await createTestOrg(database);
    const mine = (await syncPage(client, await signInAs(client, org.users.rep.email))).cursor;
    const token = await signInAs(client, org.users.manager.email);
    const response = await client.request("GET", `/v1/sync?cursor=${mine}`, { token });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { details: [{ field: "query.cursor" }] } });
  });

  it("needs a signed-in caller", async () => {
    const client = testApp(database);
    expect((await client.request("GET", "/v1/sync")).status).toBe(401);
  });
});

describe("restarts", () => {
  it("keep cursors and sessions working: both live in the database", async () => {
    const own = await ownDatabase("sync_restart");
    let first: Database | undefined = await own.open();
    try {
      const { vendor, partner } = await partneredOrgs(first, { accounts: 3 });
      const firstClient = testApp(first);
      const token = await signInAs(firstClient, vendor.users.rep.email);
      const replica = new Replica();
      await replica.syncToEnd(firstClient, token);
      await upsertAccounts(first.db, partner.org.id, [
        partnerAccount(partner, vendor, 1, { ownerName: "Before restart" }),
      ]);
      await first.close();
      first = undefined;

      const second = await own.open();
      try {
        const secondClient = testApp(second);
        await upsertAccounts(second.db, partner.org.id, [
          partnerAccount(partner, vendor, 2, { ownerName: "After restart" }),
        ]);
        const pages = await replica.syncToEnd(secondClient, token);
        expect(pages.flatMap((page) => page.overlaps.map((o) => o.owner?.name)).sort()).toEqual([
          "After restart",
          "Before restart",
        ]);
        expect(replica.overlaps).toEqual(await truth(secondClient, token));
      } finally {
        await second.close();
      }
    } finally {
      await first?.close();
      await own.dispose();
    }
  });
});
