/** The complementarity score on the demo data, as Northwind's rep sees it in Acme Corporation. */
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountPartners, PartnerInAccount } from "../../src/contract/partners";
import type { Database } from "../db/client";
import { introRequests, orgs, sharingRules } from "../db/schema";
import { openTestDatabase } from "../testing/database";
import { testApp } from "../testing/fixtures";
import { DEMO_PASSWORD, DEMO_USERS, isDemoLoaded, loadDemoData } from "./load";
import { loadDemoProfiles } from "./profiles";

const ACME = "001Dn00000AcMeQIAT";

let database: Database;
let partners: PartnerInAccount[];
let orgIdOf: Map<string, string>;

beforeAll(async () => {
  database = await openTestDatabase();
  // Loading the demo data loads the demo profiles too.
  if (!(await isDemoLoaded(database.db))) await loadDemoData(database.db);
  const found = await database.db
    .select({ id: orgs.id, slug: orgs.slug })
    .from(orgs)
    .where(inArray(orgs.slug, ["northwind", "bluefin", "anchor", "tidewater"]));
  orgIdOf = new Map(found.map((org) => [org.slug, org.id]));
  // The demo lets Anchor share counts only, which keeps it out of every sidebar. To compare it, it
  // shares its overlaps here, still without saying how it knows them.
  await database.db
    .update(sharingRules)
    .set({ level: "overlaps" })
    .where(eq(sharingRules.orgId, orgIdOf.get("anchor")!));

  const client = testApp(database);
  const signIn = await client.request("POST", "/v1/auth/sign-in", {
    body: { email: DEMO_USERS.vendorRep, password: DEMO_PASSWORD },
  });
  const response = await client.request("GET", `/v1/accounts/partners?crmId=${ACME}`, {
    token: signIn.body.token as string,
  });
  partners = (response.body as unknown as AccountPartners).partners;
});
afterAll(async () => {
  // On PostgreSQL the test files share the demo data: put Anchor back the way the demo has it.
  await database.db
    .update(sharingRules)
    .set({ level: "counts" })
    .where(eq(sharingRules.orgId, orgIdOf.get("anchor")!));
  await database.close();
});

const positionOf = (slug: string) => partners.findIndex((p) => p.partner.id === orgIdOf.get(slug));
const scoreOf = (slug: string) => partners[positionOf(slug)]?.score;

describe("Northwind's rep looking at Acme Corporation", () => {
  it("ranks the consultancy that implements what Northwind lacks above a reseller of a competing product", () => {
    expect(positionOf("bluefin")).toBeGreaterThanOrEqual(0);
    expect(positionOf("anchor")).toBeGreaterThan(positionOf("bluefin"));
    expect(scoreOf("bluefin")).toMatchObject({
      classification: "complementary",
      completeness: {
        explanation: expect.stringMatching(
          /^Implements and configures the rollout, .*which our product leaves to partners/,
        ),
      },
    });
    expect(scoreOf("anchor")).toMatchObject({
      classification: "adjacent",
      completeness: { score: 0, explanation: expect.stringContaining("which our product already covers") },
    });
    expect(scoreOf("anchor")?.shortfall).toContain("completeness");
  });

  it("shows a partner that never answers intros as adjacent, because it rarely accepts them", () => {
    expect(scoreOf("tidewater")).toMatchObject({
      classification: "adjacent",
      summary: expect.stringMatching(/^Adjacent: .*rarely accepts intros/),
      willingness: {
        explanation: expect.stringMatching(/^Rarely accepts intros \(0 of \d+; most went unanswered\)/),
      },
    });
    expect(scoreOf("tidewater")?.shortfall).toContain("willingness");
  });

  it("orders the partners by their total score, best first", () => {
    const totals = partners.map((p) => p.score!.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });
});

describe("loading the demo profiles", () => {
  it("adds no intros when loaded again", async () => {
    const sent = () =>
      database.db.$count(introRequests, eq(introRequests.fromOrgId, orgIdOf.get("northwind")!));
    const before = await sent();

    await loadDemoProfiles(database.db);

    expect(before).toBeGreaterThan(0);
    expect(await sent()).toBe(before);
  });
});
