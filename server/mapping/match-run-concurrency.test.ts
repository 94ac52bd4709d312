import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createPartnership } from "../admin/organisations";
import { rows } from "../db/client";
import { useTestDatabase } from "../testing/database";
import { createTestOrg, customerAccount } from "../testing/fixtures";
import { outcomesAround, pausedBefore } from "../testing/intercepted-db";
import { upsertAccounts } from "./accounts";
import { runMatching } from "./match-run";

const database = useTestDatabase();

/** A matching batch takes its partnerships' locks once it has read its accounts. */
const PARTNERSHIP_LOCK = "pg_advisory_xact_lock(hashtext";
/** A matching batch reads a partner's candidates once it has read its own accounts in full. */
const CANDIDATES = "a.name_key = any";

/** The CRM ids of `orgId`'s accounts that overlap with a partner's. */
async function matchedCrmIds(orgId: string): Promise<string[]> {
  const pairs = await rows<{ crm_id: string }>(
    database.db,
    sql`select a.crm_id from account_overlaps o join accounts a on a.id = o.account_id
        where o.org_id = ${orgId} order by a.crm_id`,
  );
  return pairs.map((pair) => pair.crm_id);
}

// PGlite runs one transaction at a time, so two matching runs never overlap there.
it.skipIf(!process.env.DATABASE_URL)(
  "matches two partners' changed accounts when both organisations' runs go at once, as after two imports",
  async () => {
    const vendor = await createTestOrg(database);
    const partner = await createTestOrg(database);
    await createPartnership(database.db, { orgSlug: vendor.slug, partnerSlug: partner.slug });
    await upsertAccounts(database.db, vendor.org.id, [customerAccount("V-1", "first-shared.com")]);
    await upsertAccounts(database.db, partner.org.id, [customerAccount("P-1", "first-shared.com")]);
    await runMatching(database.db, { orgId: vendor.org.id });
    // Both organisations import a new account of the same company.
    await upsertAccounts(database.db, vendor.org.id, [customerAccount("V-2", "second-shared.com")]);
    await upsertAccounts(database.db, partner.org.id, [customerAccount("P-2", "second-shared.com")]);

    // The partner's run holds its changed account while the vendor's run stores the pair with it.
    const paused = pausedBefore(database.db, PARTNERSHIP_LOCK);
    const partnerRun = runMatching(paused.db, { orgId: partner.org.id });
    await paused.atPause;
    const vendorRun = runMatching(database.db, { orgId: vendor.org.id });

    expect(await outcomesAround(database.db, { run: partnerRun, resume: paused.resume }, vendorRun)).toEqual([
      "ok",
      "ok",
    ]);
    expect(await matchedCrmIds(vendor.org.id)).toEqual(["V-1", "V-2"]);
  },
);

it.skipIf(!process.env.DATABASE_URL)(
  "matches a vendor's changed accounts against two partners while one of them runs its own matching",
  async () => {
    const vendor = await createTestOrg(database);
    const first = await createTestOrg(database);
    const second = await createTestOrg(database);
    for (const partner of [first, second]) {
      await createPartnership(database.db, { orgSlug: vendor.slug, partnerSlug: partner.slug });
    }
    await runMatching(database.db, { orgId: vendor.org.id });
    await upsertAccounts(database.db, first.org.id, [customerAccount("F-1", "first-partner.com")]);
    await upsertAccounts(database.db, vendor.org.id, [
      customerAccount("V-1", "first-partner.com"),
      customerAccount("V-2", "second-partner.com"),
    ]);
    await upsertAccounts(database.db, second.org.id, [customerAccount("S-2", "second-partner.com")]);

    // The vendor's run has stored its overlaps with the first partner of the two (in the order it
    // takes them) and is about to match the other, when that partner's own run stores its pair.
    const ids = [first, second].map((partner) => partner.org.id);
    const [firstTaken] = await rows<{ org_id: string }>(
      database.db,
      sql`select case when org_a = ${vendor.org.id} then org_b else org_a end as org_id from partnerships
          where ${vendor.org.id} in (org_a, org_b) order by id limit 1`,
    );
    const other = ids.find((id) => id !== firstTaken!.org_id)!;
    const paused = pausedBefore(database.db, PARTNERSHIP_LOCK, 2);
    const vendorRun = runMatching(paused.db, { orgId: vendor.org.id });
    await paused.atPause;
    const partnerRun = runMatching(database.db, { orgId: other });

    expect(await outcomesAround(database.db, { run: vendorRun, resume: paused.resume }, partnerRun)).toEqual([
      "ok",
      "ok",
    ]);
    expect(await matchedCrmIds(vendor.org.id)).toEqual(["V-1", "V-2"]);
  },
);

it.skipIf(!process.env.DATABASE_URL)(
  "matches an organisation's changed accounts while it imports more changes to them",
  async () => {
    const vendor = await createTestOrg(database);
    const partner = await createTestOrg(database);
    await createPartnership(database.db, {
      orgSlug: vendor.slug,
      partnerSlug: partner.slug,
      partnerShare: { level: "overlaps", populations: ["customer"], fields: ["name"] },
    });
    await upsertAccounts(database.db, vendor.org.id, [
      customerAccount("V-1", "first-shared.com"),
      customerAccount("V-2", "second-shared.com"),
    ]);
    await upsertAccounts(database.db, partner.org.id, [customerAccount("P-1", "first-shared.com")]);
    await runMatching(database.db);
    await upsertAccounts(database.db, partner.org.id, [customerAccount("P-2", "second-shared.com")]);

    // The partner's run has its changed account P-2 in hand when the partner's next import renames
    // P-1, which the vendor is shown, then changes P-2.
    const paused = pausedBefore(database.db, PARTNERSHIP_LOCK);
    const partnerRun = runMatching(paused.db, { orgId: partner.org.id });
    await paused.atPause;
    const nextImport = database.db.transaction(async (tx) => {
      await upsertAccounts(tx, partner.org.id, [
        { ...customerAccount("P-1", "first-shared.com"), name: "P-1 renamed" },
      ]);
      await upsertAccounts(tx, partner.org.id, [
        { ...customerAccount("P-2", "second-shared.com"), ownerName: "Dana" },
      ]);
    });

    expect(await outcomesAround(database.db, { run: partnerRun, resume: paused.resume }, nextImport)).toEqual(
      ["ok", "ok"],
    );
    expect(await matchedCrmIds(vendor.org.id)).toEqual(["V-1", "V-2"]);
  },
);

it.skipIf(!process.env.DATABASE_URL)(
  "matches again an account that an import changed while a run was matching it",
  async () => {
    const vendor = await createTestOrg(database);
    const partner = await createTestOrg(database);
    await createPartnership(database.db, { orgSlug: vendor.slug, partnerSlug: partner.slug });
    await upsertAccounts(database.db, vendor.org.id, [customerAccount("V-2", "second-shared.com")]);
    await upsertAccounts(database.db, partner.org.id, [customerAccount("P-2", "old-site.com")]);
    await runMatching(database.db);
    await upsertAccounts(database.db, partner.org.id, [customerAccount("P-2", "older-site.com")]);

    // The run has read P-2 as it was; the import that gives it the vendor's website lands meanwhile.
    const paused = pausedBefore(database.db, CANDIDATES);
    const partnerRun = runMatching(paused.db, { orgId: partner.org.id });
    await paused.atPause;
    await upsertAccounts(database.db, partner.org.id, [customerAccount("P-2", "second-shared.com")]);
    paused.resume();
    await partnerRun;

    // The import's own run (or the next match) finds the pair.
    await runMatching(database.db, { orgId: partner.org.id });
    expect(await matchedCrmIds(vendor.org.id)).toEqual(["V-2"]);
  },
);
