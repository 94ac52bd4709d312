import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { AccountInput } from "../../src/contract/accounts";
import { matchAll } from "../../src/matching";
import { createPartnership } from "../admin/organisations";
import { rows } from "../db/client";
import { useTestDatabase } from "../testing/database";
import { createTestOrg } from "../testing/fixtures";
import { upsertAccounts } from "./accounts";
import { runMatching } from "./match-run";

const database = useTestDatabase();

async function partneredOrgs() {
  const left = await createTestOrg(database, "Left");
  const right = await createTestOrg(database, "Right");
  await createPartnership(database.db, { orgSlug: left.slug, partnerSlug: right.slug });
  return { left: left.org.id, right: right.org.id };
}

/** mulberry32: reproducible accounts. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMPANIES = [
  "Acme",
  "Delta Air Lines",
  "Delta Faucet",
  "Globex",
  "Initech",
  "IBM",
  "The Boring Company",
  "Umbrella Health",
  "Stark Logistics",
  "Wayne Enterprises",
  "Hooli",
  "Vandelay Industries",
  "Soylent",
  "Cyberdyne Systems",
];
const LEGAL_FORMS = ["", " Inc", " GmbH", " LLC", ", Inc."];
const SUFFIXES = [".com", ".de", ".co.uk"];
const NOT_COMPANY_SITES = ["gmail.com", "acme.github.io", "not a website"];

/**
 * Accounts drawn from a few companies, so that domains and names collide often: legal forms that
 * agree or conflict, country domains, missing websites, free mail and junk.
 */
function messyAccounts(random: () => number, prefix: string, count: number): AccountInput[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const website = (company: string) => {
    const roll = random();
    if (roll < 0.35) return [];
    if (roll < 0.45) return [pick(NOT_COMPANY_SITES)];
    const domain = company.toLowerCase().replace(/^the /, "").replace(/\W+/g, "") + pick(SUFFIXES);
    return roll < 0.55
      ? [`https://www.${domain}/about`, `${pick(COMPANIES).toLowerCase().replace(/\W+/g, "")}.com`]
      : [domain];
  };
  return Array.from({ length: count }, (_, n) => {
    const company = pick(COMPANIES);
    return {
      crmId: `${prefix}-${n}`,
      name: company + pick(LEGAL_FORMS),
      websites: website(company),
      relationship: pick(["customer", "opportunity", "prospect"] as const),
    };
  });
}

interface StoredPair {
  account: string;
  partner: string;
  method: string;
  confidence: number;
  matchedOn: string;
}

async function storedPairs(orgId: string): Promise<StoredPair[]> {
  return rows<StoredPair>(
    database.db,
    sql`select a.crm_id as account, pa.crm_id as partner, o.method, o.confidence, o.matched_on as "matchedOn"
        from account_overlaps o join accounts a on a.id = o.account_id join accounts pa on pa.id = o.partner_account_id
        where o.org_id = ${orgId} order by 1, 2`,
  );
}

/** What the pure matcher says about the accounts as they are stored now. */
async function expectedPairs(left: string, right: string): Promise<StoredPair[]> {
  const load = (orgId: string) =>
    rows<{ id: string; name: string; domains: string[] }>(
      database.db,
      sql`select a.crm_id as id, a.name, coalesce(array_agg(d.domain) filter (where d.domain is not null), '{}') as domains
          from accounts a left join account_domains d on d.account_id = a.id where a.org_id = ${orgId} group by a.id`,
    );
  return matchAll(await load(left), await load(right))
    .map((m) => ({
      account: m.leftId,
      partner: m.rightId,
      method: m.method,
      confidence: m.confidence,
      matchedOn: m.matchedOn,
    }))
    .sort((a, b) => (a.account + a.partner < b.account + b.partner ? -1 : 1));
}

const byPair = (pairs: StoredPair[]) =>
  [...pairs].sort((a, b) => (a.account + a.partner < b.account + b.partner ? -1 : 1));
const mirrored = (pairs: StoredPair[]) =>
  byPair(pairs.map((p) => ({ ...p, account: p.partner, partner: p.account })));

describe("runMatching", () => {
  it("stores exactly the pairs the pure matcher finds, on both sides, through full and incremental runs", async () => {
    const { left, right } = await partneredOrgs();
    const random = seeded(42);
    await upsertAccounts(database.db, left, messyAccounts(random, "L", 150));
    await upsertAccounts(database.db, right, messyAccounts(random, "R", 150));
    await runMatching(database.db);
    const afterFull = await expectedPairs(left, right);
    expect(afterFull.filter((pair) => pair.method === "name").length).toBeGreaterThan(50);
    expect(afterFull.filter((pair) => pair.method === "domain").length).toBeGreaterThan(50);
    expect(byPair(await storedPairs(left))).toEqual(afterFull);
    expect(byPair(await storedPairs(right))).toEqual(mirrored(afterFull));

    // Renames, new websites and new accounts on both sides, then incremental runs of each side.
    await upsertAccounts(database.db, left, messyAccounts(random, "L", 180).slice(60));
    await upsertAccounts(database.db, right, messyAccounts(random, "R", 160).slice(100));
    await runMatching(database.db, { orgId: left });
    await runMatching(database.db, { orgId: right });
    const afterChanges = await expectedPairs(left, right);
    expect(afterChanges).not.toEqual(afterFull);
    expect(byPair(await storedPairs(left))).toEqual(afterChanges);
    expect(byPair(await storedPairs(right))).toEqual(mirrored(afterChanges));
  });

  it("matches a new partnership in full once, then only the accounts that changed", async () => {
    const { left, right } = await partneredOrgs();
    const accounts = (prefix: string, count: number, shared = true) =>
      Array.from({ length: count }, (_, n) => ({
        crmId: `${prefix}-${n}`,
        name: `${prefix} Company ${n}`,
        websites: [`${prefix.toLowerCase()}-${n}.com`, ...(shared ? [`shared-${n}.com`] : [])],
        relationship: "customer" as const,
      }));
    await upsertAccounts(database.db, left, accounts("L", 12_000));
    await upsertAccounts(database.db, right, accounts("R", 4_000));
    const first = await runMatching(database.db, { orgId: left });
    expect(first).toMatchObject({ accountsMatched: 12_000, overlapsAdded: 4_000 });

    // 10k accounts lose their shared website; 2k others change only their relationship, which
    // needs no re-matching.
    await upsertAccounts(database.db, left, accounts("L", 10_000, false));
    const relationshipOnly = accounts("L", 12_000).slice(10_000);
    await upsertAccounts(
      database.db,
      left,
      relationshipOnly.map((a) => ({ ...a, relationship: "prospect" as const })),
    );
    const second = await runMatching(database.db, { orgId: left });
    expect(second).toMatchObject({ accountsMatched: 10_000, overlapsAdded: 0, overlapsRemoved: 4_000 });

    expect(await runMatching(database.db, { orgId: left })).toMatchObject({
      accountsMatched: 0,
      overlapsAdded: 0,
    });
  }, 300_000);

  it("re-matches a partner's changed accounts against the organisation it runs for", async () => {
    const { left, right } = await partneredOrgs();
    await upsertAccounts(database.db, left, [
      { crmId: "L1", name: "Globex", websites: ["globex.io"], relationship: "customer" },
    ]);
    await runMatching(database.db, { orgId: left });
    await upsertAccounts(database.db, right, [
      { crmId: "R1", name: "Globex Inc", websites: ["https://globex.io"], relationship: "prospect" },
    ]);
    await runMatching(database.db, { orgId: left });
    expect(await storedPairs(left)).toEqual([
      { account: "L1", partner: "R1", method: "domain", confidence: 0.99, matchedOn: "globex.io" },
    ]);
  });

  describe("in full, after the matching rules changed", () => {
    /**
     * Two business-directory pages and two names whose stored keys came from an older version's
     * rules: it took the directory's domain for the companies', and keyed "Globex" differently.
     */
    async function loadedByAnOlderVersion() {
      const { left, right } = await partneredOrgs();
      await upsertAccounts(database.db, left, [
        {
          crmId: "L1",
          name: "Acme Plumbing",
          websites: ["https://www.bbb.org/us/tx/austin/profile/plumber/acme-plumbing"],
          relationship: "customer",
        },
        { crmId: "L2", name: "Globex Corporation", websites: [], relationship: "customer" },
      ]);
      await upsertAccounts(database.db, right, [
        {
          crmId: "R1",
          name: "Zenith Roofing",
          websites: ["https://www.bbb.org/us/ca/fresno/profile/roofing/zenith-roofing"],
          relationship: "customer",
        },
        { crmId: "R2", name: "Globex", websites: [], relationship: "prospect" },
      ]);
      await database.db.execute(sql`
        insert into account_domains (account_id, org_id, domain)
        select id, org_id, 'bbb.org' from accounts where crm_id in ('L1', 'R1') and org_id in (${left}, ${right})`);
      await database.db.execute(
        sql`update accounts set name_key = 'globex (old key)' where crm_id = 'R2' and org_id = ${right}`,
      );
      await database.db.execute(
        sql`update accounts set needs_match = false where org_id in (${left}, ${right})`,
      );
      await runMatching(database.db);
      return { left, right };
    }

    it("keeps the older rules' overlaps and misses in an ordinary run", async () => {
      const { left } = await loadedByAnOlderVersion();
      expect(await storedPairs(left)).toEqual([
        { account: "L1", partner: "R1", method: "domain", confidence: 0.99, matchedOn: "bbb.org" },
      ]);
      await runMatching(database.db, { orgId: left });
      expect((await storedPairs(left)).map((pair) => pair.partner)).toEqual(["R1"]);
    });

    it("re-derives the keys, removes the overlaps the rules no longer make and adds the ones they now make", async () => {
      const { left, right } = await loadedByAnOlderVersion();
      const result = await runMatching(database.db, { orgId: left, full: true });
      expect(result.keys).toEqual({ accounts: 4, changed: 3 });
      expect(result).toMatchObject({ overlapsRemoved: 1, overlapsAdded: 1 });
      expect(await storedPairs(left)).toEqual(await expectedPairs(left, right));
      expect(
        (await storedPairs(left)).map((pair) => `${pair.account}-${pair.partner} ${pair.method}`),
      ).toEqual(["L2-R2 name"]);
      expect(await storedPairs(right)).toEqual(mirrored(await storedPairs(left)));
      // The keys are current now: another full run finds nothing to change.
      expect(await runMatching(database.db, { orgId: right, full: true })).toMatchObject({
        keys: { accounts: 4, changed: 0 },
        overlapsAdded: 0,
        overlapsRemoved: 0,
      });
    });

    it("tells the partner's synced extension that the overlap is gone", async () => {
      const { left, right } = await loadedByAnOlderVersion();
      // Shown to the partner, so its extension holds the overlap.
      await database.db.execute(sql`update sharing_rules set level = 'overlaps' where org_id = ${left}`);
      const [overlap] = await rows<{ id: string }>(
        database.db,
        sql`select id from account_overlaps where org_id = ${right}`,
      );
      await runMatching(database.db, { orgId: right, full: true });
      const tombstones = await rows<{ op: string }>(
        database.db,
        sql`select op from changes where org_id = ${right} and entity = 'overlap' and entity_id = ${overlap!.id}
            order by seq desc limit 1`,
      );
      expect(tombstones).toEqual([{ op: "delete" }]);
    });
  });
});
