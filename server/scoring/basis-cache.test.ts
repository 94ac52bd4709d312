import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createPartnership } from "../admin/organisations";
import { rows } from "../db/client";
import { withTenant } from "../db/tenant";
import { useTestDatabase } from "../testing/database";
import { createTestOrg } from "../testing/fixtures";
import { ScoringBasisCache } from "./basis-cache";
import { writeProfile } from "./profiles";

const database = useTestDatabase();

async function partnered() {
  const vendor = await createTestOrg(database, "Vendor");
  const partner = await createTestOrg(database, "Partner");
  await createPartnership(database.db, { orgSlug: vendor.slug, partnerSlug: partner.slug });
  const offers = (solutionAreas: ("security" | "training")[]) =>
    writeProfile(
      database.db,
      partner.org,
      { solutionAreas, offerings: [], track: "referral", coSellOptIn: true },
      null,
    );
  await offers(["security"]);
  return { vendor, partner, offers };
}

describe("ScoringBasisCache", () => {
  it("keeps an organisation's basis while its feed stays put, and reads it again once the feed moves", async () => {
    const { vendor, partner, offers } = await partnered();
    let now = 0;
    const cache = new ScoringBasisCache(60_000, () => now);
    const areasAt = (feedSeq: number) =>
      withTenant(database, { orgId: vendor.org.id, userId: vendor.users.rep.id }, async (tx) => {
        const basis = await cache.read(tx, vendor.org.id, feedSeq);
        return basis.profiles.get(partner.org.id)?.solutionAreas;
      });

    expect(await areasAt(10)).toEqual(["security"]);
    await offers(["training"]);
    // A caller who has seen no further than the kept basis gets it, at once, as long as it lives.
    expect(await areasAt(10)).toEqual(["security"]);
    expect(await areasAt(9)).toEqual(["security"]);
    // Anything newer in the feed may be a change the basis lacks.
    expect(await areasAt(11)).toEqual(["training"]);

    await offers(["security", "training"]);
    now = 60_000;
    expect(await areasAt(11)).toEqual(["security", "training"]);
  });

  it("is told the feed position of the caller's own organisation, never another's", async () => {
    const { vendor, partner } = await partnered();
    const positionOf = (org: typeof vendor) =>
      withTenant(database, { orgId: org.org.id, userId: org.users.rep.id }, async (tx) => {
        const [row] = await rows<{ seq: string }>(tx, sql`select feed_position() as seq`);
        return Number(row!.seq);
      });
    const before = await positionOf(vendor);
    // A change for the partner only: newer than anything in the vendor's feed.
    await database.db.execute(
      sql`select record_change(${partner.org.id}::uuid, null, 'test', 'x', 'upsert')`,
    );
    expect(await positionOf(vendor)).toBe(before);
    expect(await positionOf(partner)).toBeGreaterThan(before);
  });

  it("covers every partner, including one with nothing in common with the organisation yet", async () => {
    const { vendor, partner } = await partnered();
    const basis = await withTenant(database, { orgId: vendor.org.id, userId: vendor.users.rep.id }, (tx) =>
      new ScoringBasisCache().read(tx, vendor.org.id, 0),
    );
    expect(basis.partners).toEqual([{ id: partner.org.id, name: "Partner" }]);
    expect(basis.trackRecords.get(partner.org.id)).toMatchObject({ introsAccepted: 0, sharedCustomers: 0 });
  });
});
