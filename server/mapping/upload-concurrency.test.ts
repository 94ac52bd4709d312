import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createPartnership } from "../admin/organisations";
import { rows } from "../db/client";
import { useTestDatabase } from "../testing/database";
import { createTestOrg, customerAccount } from "../testing/fixtures";
import { failureOf, outcomesAround, pausedBefore } from "../testing/intercepted-db";
import { importAccountsCsv } from "./import";
import { uploadAccounts } from "./upload";

const database = useTestDatabase();

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
      companies.map((n) => customerAccount(`P-${n}`, `company${n}.com`)),
      { actorUserId: null },
    );

    for (let round = 0; round < 4; round++) {
      const batches = [0, 1, 2, 3].map((batch) => {
        const accounts = companies
          .filter((n) => (n + batch + round) % 2 === 0 || n % 5 === batch)
          .map((n) => customerAccount(`V-${n}`, `company${n}.com`));
        return batch % 2 === 0 ? accounts : accounts.reverse();
      });
      const uploads = await Promise.allSettled(
        batches.map((accounts) =>
          uploadAccounts(database.db, vendor.org.id, accounts, { actorUserId: null }),
        ),
      );
      expect(
        uploads.flatMap((upload) => (upload.status === "rejected" ? [failureOf(upload.reason)] : [])),
      ).toEqual([]);
    }
    const [matched] = await rows<{ n: number }>(
      database.db,
      sql`select count(distinct account_id)::int as n from account_overlaps where org_id = ${vendor.org.id}`,
    );
    expect(matched).toEqual({ n: 200 });
  },
);

// An integration keeps accounts up to date through the API while an admin imports the CRM's
// export. The import writes in the order of its file, here the reverse of the upload's.
it.skipIf(!process.env.DATABASE_URL)(
  "takes an upload of accounts that an import is writing at that moment, and the import too",
  async () => {
    const { org } = await createTestOrg(database);
    const crmIds = [
      ...Array.from({ length: 2_000 }, (_, n) => `Z-${n}`),
      ...Array.from({ length: 10 }, (_, n) => `A-${n}`),
    ];
    async function* file() {
      yield "Account ID,Account Name,Type,Website\n";
      for (const crmId of crmIds) yield `${crmId},Company ${crmId},Customer,${crmId}.example.com\n`;
    }
    // The import has written its first 2,000 rows and is about to write the rest.
    const paused = pausedBefore(database.db, "insert into accounts", 3);
    const importing = importAccountsCsv(paused.db, org.id, file(), { source: "export.csv" });
    await paused.atPause;
    const upload = uploadAccounts(
      database.db,
      org.id,
      ["A-1", "Z-1"].map((crmId) => ({
        ...customerAccount(crmId, `${crmId}.example.com`),
        name: `Renamed ${crmId}`,
      })),
      { actorUserId: null },
    );

    expect(await outcomesAround(database.db, { run: importing, resume: paused.resume }, upload)).toEqual([
      "ok",
      "ok",
    ]);
    const renamed = await rows<{ name: string }>(
      database.db,
      sql`select name from accounts where org_id = ${org.id} and name like 'Renamed %' order by name`,
    );
    expect(renamed.map((account) => account.name)).toEqual(["Renamed A-1", "Renamed Z-1"]);
  },
);
