import { describe, expect, it } from "vitest";
import { createPartnership } from "../admin/organisations";
import { withTenant } from "../db/tenant";
import { upsertAccounts } from "../mapping/accounts";
import { runMatching } from "../mapping/match-run";
import { useTestDatabase } from "../testing/database";
import { createTestOrg, customerAccount } from "../testing/fixtures";
import { SharedCustomerCounts } from "./shared-customers";

const database = useTestDatabase();

const customer = (crmId: string, website: string) => ({
  ...customerAccount(crmId, website),
  segment: "enterprise" as const,
});

describe("SharedCustomerCounts", () => {
  it("keeps the counts for their time to live, then counts again", async () => {
    const vendor = await createTestOrg(database);
    const partner = await createTestOrg(database);
    await createPartnership(database.db, {
      orgSlug: vendor.slug,
      partnerSlug: partner.slug,
      partnerShare: { level: "overlaps", fields: ["relationship"] },
    });
    await upsertAccounts(database.db, vendor.org.id, [
      customer("V-1", "one-shared.com"),
      customer("V-2", "two-shared.com"),
    ]);
    await upsertAccounts(database.db, partner.org.id, [customer("P-1", "one-shared.com")]);
    await runMatching(database.db, { orgId: vendor.org.id });

    let now = 0;
    const counts = new SharedCustomerCounts(60_000, () => now);
    const read = () =>
      withTenant(database, { orgId: vendor.org.id, userId: vendor.users.rep.id }, (tx) =>
        counts.read(tx, vendor.org.id, [partner.org.id], {
          segments: ["enterprise"],
          industries: [],
          regions: [],
        }),
      );

    const first = await read();
    await upsertAccounts(database.db, partner.org.id, [customer("P-2", "two-shared.com")]);
    await runMatching(database.db, { orgId: vendor.org.id });
    now = 59_999;
    const cached = await read();
    now = 60_000;
    const recounted = await read();

    expect(first.get(partner.org.id)).toEqual({ sharedCustomers: 1, sharedCustomersInTarget: 1 });
    expect(cached).toEqual(first);
    expect(recounted.get(partner.org.id)).toEqual({ sharedCustomers: 2, sharedCustomersInTarget: 2 });
  });

  it("counts a customer in target whatever spaces or Unicode form its industry and region are written in", async () => {
    const vendor = await createTestOrg(database);
    const partner = await createTestOrg(database);
    await createPartnership(database.db, {
      orgSlug: vendor.slug,
      partnerSlug: partner.slug,
      partnerShare: { level: "overlaps", fields: ["relationship"] },
    });
    const written = [
      ["Financial  services", "EMEA"],
      ["Financial\u00a0services", "EMEA"],
      ["ＦＩＮＡＮＣＩＡＬ ｓｅｒｖｉｃｅｓ", "EMEA"],
      ["Financial services", "I\u0302le-de-France"],
    ];
    await upsertAccounts(
      database.db,
      vendor.org.id,
      written.map(([industry, region], i) => ({
        ...customer(`V-${i}`, `shared-${i}.com`),
        industry,
        region,
      })),
    );
    await upsertAccounts(
      database.db,
      partner.org.id,
      written.map((_, i) => customer(`P-${i}`, `shared-${i}.com`)),
    );
    await runMatching(database.db, { orgId: vendor.org.id });

    const counted = await withTenant(database, { orgId: vendor.org.id, userId: vendor.users.rep.id }, (tx) =>
      new SharedCustomerCounts().read(tx, vendor.org.id, [partner.org.id], {
        segments: [],
        industries: ["Financial services"],
        regions: ["EMEA", "Île-de-France"],
      }),
    );

    expect(counted.get(partner.org.id)).toEqual({ sharedCustomers: 4, sharedCustomersInTarget: 4 });
  });
});
