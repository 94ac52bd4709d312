import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createPartnership } from "../admin/organisations";
import { rows } from "../db/client";
import { useTestDatabase } from "../testing/database";
import { createTestOrg } from "../testing/fixtures";
import { uploadAccounts } from "./upload";

const database = useTestDatabase();

const customer = (crmId: string, website: string) => ({
  crmId,
  name: `Company ${crmId}`,
  websites: [website],
  relationship: "customer" as const,
});

/** What stopped an upload: the database's own error, not the failed query's text around it. */
const failure = (reason: unknown) => String((reason as Error).cause ?? reason);

// An integration that sends its batches in parallel, where batches share accounts in different
// orders. PGlite runs one transaction at a time, so uploads never overlap there.
it.skipIf(!process.env.DATABASE_URL)(
  "takes uploads of one organisation's accounts sent at once, overlapping in different orders",
  async () => {
    const vendor = await createTestOrg(database);
    const partner = await createTestOrg(database);
    await createPartnership(database.db, { orgSlug: vendor.slug, partnerSlug: partner.slug });
    const companies = Array.from({ length: 200 }, (_, n) => n);
    await uploadAccounts(
      database.db,
      partner.org.id,
      companies.map((n) => customer(`P-${n}`, `company${n}.com`)),
      { actorUserId: null },
    );

    for (let round = 0; round < 4; round++) {
      const batches = [0, 1, 2, 3].map((batch) => {
        const accounts = companies
          .filter((n) => (n + batch + round) % 2 === 0 || n % 5 === batch)
          .map((n) => customer(`V-${n}`, `company${n}.com`));
        return batch % 2 === 0 ? accounts : accounts.reverse();
      });
      const uploads = await Promise.allSettled(
        batches.map((accounts) =>
          uploadAccounts(database.db, vendor.org.id, accounts, { actorUserId: null }),
        ),
      );
      expect(
        uploads.flatMap((upload) => (upload.status === "rejected" ? [failure(upload.reason)] : [])),
      ).toEqual([]);
    }
    const [matched] = await rows<{ n: number }>(
      database.db,
      sql`select count(distinct account_id)::int as n from account_overlaps where org_id = ${vendor.org.id}`,
    );
    expect(matched).toEqual({ n: 200 });
  },
);
