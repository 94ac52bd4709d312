import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountPartners } from "../../src/contract/partners";
import { type Database, rows } from "../db/client";
import { openTestDatabase } from "../testing/database";
import { testApp } from "../testing/fixtures";
import { createCompanies } from "./companies";
import { crmList } from "./crm-lists";
import { DEMO_PASSWORD, DEMO_USERS, DEMO_VENDOR_ACCOUNTS, isDemoLoaded, loadDemoData } from "./load";
import { seededRandom } from "./random";

const ACME = DEMO_VENDOR_ACCOUNTS.find((account) => account.name === "Acme Corporation")!.crmId;

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  // On PostgreSQL the test files share one database, and another may have loaded the demo already.
  if (!(await isDemoLoaded(database.db))) await loadDemoData(database.db);
}, 120_000);
afterAll(async () => {
  await database.close();
});

const northwindOverlaps = (where: ReturnType<typeof sql>) =>
  rows<{ name: string; partner_name: string; method: string; confidence: number; matched_on: string }>(
    database.db,
    sql`select a.name, pa.name as partner_name, o.method, o.confidence, o.matched_on
        from account_overlaps o join accounts a on a.id = o.account_id join accounts pa on pa.id = o.partner_account_id
        where o.org_id = (select id from orgs where slug = 'northwind') and ${where}`,
  );

describe("the demo data", () => {
  it("is the same on every load", () => {
    const generate = () => {
      const random = seededRandom(7);
      const market = createCompanies(random, 500);
      return crmList(random, market, {
        size: 200,
        crmId: (n) => `X-${n}`,
        owners: ["Ann Example"],
        ownerDomain: "example.demo",
        mix: { customer: 30, opportunity: 20 },
      });
    };
    expect(generate()).toEqual(generate());
  });

  it("gives every organisation thousands of accounts, and the vendor overlaps with every partner", async () => {
    const orgs = await rows<{ slug: string; accounts: number; partners: number }>(
      database.db,
      sql`select o.slug, (select count(*)::int from accounts a where a.org_id = o.id) as accounts,
            (select count(distinct partner_org_id)::int from account_overlaps x where x.org_id = o.id) as partners
          from orgs o where o.slug in ('northwind', 'bluefin', 'harbor', 'tidewater', 'keel', 'anchor')`,
    );
    expect(orgs).toHaveLength(6);
    for (const org of orgs) expect(org.accounts).toBeGreaterThanOrEqual(1_000);
    expect(orgs.find((org) => org.slug === "northwind")!.partners).toBe(5);
  });

  it("has the mess of real CRMs, and matching copes with it", async () => {
    // Subsidiaries on country domains match their parent's record listing that domain.
    expect(await northwindOverlaps(sql`o.method = 'domain' and o.confidence < 0.99`)).not.toHaveLength(0);
    // Records without a website, or with a free-mail one, match by name.
    expect(await northwindOverlaps(sql`o.method = 'name'`)).not.toHaveLength(0);
    const freeMail = await rows(database.db, sql`select 1 from accounts where 'gmail.com' = any(websites)`);
    expect(freeMail).not.toHaveLength(0);
    expect(await northwindOverlaps(sql`o.matched_on in ('gmail.com', 'outlook.com', 'yahoo.com')`)).toEqual(
      [],
    );
    // Look-alike names are different companies: Northwind's website-less Delta Air Lines record
    // shares a first word with Bluefin's customer Delta Faucet Company, and nothing more.
    const lookAlikes = await rows<{ slug: string }>(
      database.db,
      sql`select o.slug from accounts a join orgs o on o.id = a.org_id
          where a.name in ('Delta Air Lines', 'Delta Faucet Company') order by o.slug`,
    );
    expect(lookAlikes.map((row) => row.slug)).toEqual(expect.arrayContaining(["bluefin", "northwind"]));
    expect(await northwindOverlaps(sql`a.name = 'Delta Air Lines' and pa.name like 'Delta Faucet%'`)).toEqual(
      [],
    );
    // The same company recorded twice in one CRM.
    const [duplicates] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from (select org_id, domain from account_domains group by 1, 2 having count(*) > 1) d`,
    );
    expect(duplicates!.n).toBeGreaterThan(0);
  });

  it("shows Northwind's rep several partners in Acme Corporation, each as much as it shares", async () => {
    const client = testApp(database);
    const signIn = await client.request("POST", "/v1/auth/sign-in", {
      body: { email: DEMO_USERS.vendorRep, password: DEMO_PASSWORD },
    });
    const { body } = await client.request("GET", `/v1/accounts/partners?crmId=${ACME}`, {
      token: signIn.body.token as string,
    });
    const partners = (body as unknown as AccountPartners).partners;
    const byName = new Map(partners.map((p) => [p.partner.name, p]));
    expect([...byName.keys()].sort()).toEqual([
      "Bluefin Consulting",
      "Harbor Data Platform",
      "Tidewater Managed Services",
    ]);
    expect(byName.get("Bluefin Consulting")).toMatchObject({
      relationship: "customer",
      partnerAccountName: "ACME Corp.",
      owner: { email: "dana@bluefin.demo" },
    });
    expect(byName.get("Harbor Data Platform")).toMatchObject({
      partnerAccountName: null,
      owner: { email: null },
    });
    expect(byName.get("Tidewater Managed Services")).toMatchObject({ relationship: "prospect", owner: null });
  });
});
