import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import type { AccountInput } from "../../src/contract/accounts";
import { rows } from "../db/client";
import { useTestDatabase } from "../testing/database";
import { createTestOrg } from "../testing/fixtures";
import { upsertAccounts } from "./accounts";

const database = useTestDatabase();

const acme = (ownerName: string): AccountInput => ({
  crmId: "ACME-1",
  name: "Acme",
  websites: ["https://www.acme-upsert.com", "acme-upsert.de"],
  relationship: "customer",
  ownerName,
});

it("never shows another reader an updated account without its domains", async () => {
  const org = await createTestOrg(database);
  await upsertAccounts(database.db, org.org.id, [acme("Owner 1")]);
  const domainCount = async () =>
    (
      await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from account_domains d join accounts a on a.id = d.account_id
            where a.org_id = ${org.org.id} and a.crm_id = 'ACME-1'`,
      )
    )[0]!.n;
  expect(await domainCount()).toBe(2);

  // A matching run reads while an import writes: keep reading for as long as the update runs.
  let updating = true;
  const seen: number[] = [];
  const reading = (async () => {
    while (updating) seen.push(await domainCount());
  })();
  for (let owner = 2; owner < 12; owner++)
    await upsertAccounts(database.db, org.org.id, [acme(`Owner ${owner}`)]);
  updating = false;
  await reading;

  expect(seen.length).toBeGreaterThan(0);
  expect(new Set(seen)).toEqual(new Set([2]));
});
