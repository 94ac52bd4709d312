/** The complementarity score in the account lookup, assembled from what each organisation stored. */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AccountInput } from "../../src/contract/accounts";
import type { AccountPartners } from "../../src/contract/partners";
import { createPartnership } from "../admin/organisations";
import { introRequests, sharingRules } from "../db/schema";
import { upsertAccounts } from "../mapping/accounts";
import { runMatching } from "../mapping/match-run";
import { useTestDatabase } from "../testing/database";
import { createTestOrg, signInAs, type TestApp, testApp } from "../testing/fixtures";
import { writeProfile } from "./profiles";
import { writeSolutionMap } from "./solution-map";

const database = useTestDatabase();
let client: TestApp;
beforeAll(() => {
  client = testApp(database);
});

const account = (crmId: string, name: string, website: string, extra: Partial<AccountInput> = {}) =>
  ({ crmId, name, websites: [website], relationship: "customer", ...extra }) satisfies AccountInput;

const HOUR = 3_600_000;

/**
 * A vendor with three accounts (two in its target market) and two partners present in the first:
 * a consultancy that shares relationships and has answered the vendor's intros, and a reseller with
 * no profile that shares its overlaps but not how it knows them.
 */
async function scenario() {
  const vendor = await createTestOrg(database, "Northwind");
  const consultancy = await createTestOrg(database, "Contoso Consulting");
  const reseller = await createTestOrg(database, "Fabrikam Resale");
  const emea = { industry: "Retail", region: "EMEA" };
  await upsertAccounts(database.db, vendor.org.id, [
    account("V-1", "Acme", "acme-retail.com", {
      ...emea,
      segment: "enterprise",
      relationship: "opportunity",
    }),
    account("V-2", "Beta", "beta-retail.com", { ...emea, segment: "mid_market" }),
    account("V-3", "Gamma", "gamma-retail.com", { ...emea, segment: "smb" }),
  ]);
  await upsertAccounts(database.db, consultancy.org.id, [
    account("C-1", "ACME Corp", "acme-retail.com"),
    account("C-1b", "Acme Stores", "https://www.acme-retail.com/stores", { relationship: "prospect" }),
    account("C-2", "Beta", "beta-retail.com"),
    account("C-3", "Gamma", "gamma-retail.com"),
  ]);
  await upsertAccounts(database.db, reseller.org.id, [
    account("R-1", "Acme", "acme-retail.com"),
    account("R-3", "Gamma", "gamma-retail.com"),
  ]);
  const withConsultancy = await createPartnership(database.db, {
    orgSlug: vendor.slug,
    partnerSlug: consultancy.slug,
    partnerShare: { level: "overlaps", fields: ["name", "relationship"] },
  });
  await createPartnership(database.db, {
    orgSlug: vendor.slug,
    partnerSlug: reseller.slug,
    partnerShare: { level: "overlaps", fields: [] },
  });
  await runMatching(database.db, { orgId: vendor.org.id });
  await writeProfile(
    database.db,
    consultancy.org,
    { solutionAreas: ["implementation_services"], offerings: [], track: "complementary", coSellOptIn: true },
    null,
  );

  const intro = (from: string, to: string, status: string, answeredAfterHours: number | null) => {
    const createdAt = new Date(Date.now() - 30 * 24 * HOUR);
    return {
      id: randomUUID(),
      fromOrgId: from,
      toOrgId: to,
      partnershipId: withConsultancy.id,
      status: status as "accepted",
      createdAt,
      respondedAt:
        answeredAfterHours === null ? null : new Date(createdAt.getTime() + answeredAfterHours * HOUR),
    };
  };
  const [v, c] = [vendor.org.id, consultancy.org.id];
  await database.db.insert(introRequests).values([
    intro(v, c, "accepted", 1),
    intro(v, c, "accepted", 2),
    intro(v, c, "accepted", 3),
    intro(v, c, "declined", 40),
    // Neither answered nor declined: not part of the track record.
    intro(v, c, "pending", null),
    intro(v, c, "withdrawn", null),
    // The consultancy's own requests say nothing about how it answers ours.
    intro(c, v, "declined", 500),
    intro(c, v, "expired", null),
  ]);
  return { vendor, consultancy, reseller };
}

async function lookup(token: string, crmId: string) {
  const response = await client.request("GET", `/v1/accounts/partners?crmId=${crmId}`, { token });
  expect(response.status).toBe(200);
  return response.body as unknown as AccountPartners;
}

describe("the partners in an account, scored", () => {
  it("ranks and explains each partner from its profile, its track record and what it shares", async () => {
    const { vendor, consultancy, reseller } = await scenario();
    await writeSolutionMap(
      database.db,
      vendor.org.id,
      {
        covers: ["analytics"],
        leavesToPartners: [{ area: "implementation_services" }],
        target: { segments: ["mid_market", "enterprise"], industries: ["retail"], regions: [] },
      },
      null,
    );

    const { partners } = await lookup(await signInAs(client, vendor.users.rep.email), "V-1");

    expect(partners.map((p) => p.partner.name)).toEqual([
      "Contoso Consulting",
      "Contoso Consulting",
      "Fabrikam Resale",
    ]);
    const [first, second, third] = partners;
    expect(second?.score).toEqual(first?.score);
    expect(first?.score).toMatchObject({
      partnerOrgId: consultancy.org.id,
      classification: "complementary",
      completeness: {
        explanation: "Implements and configures the rollout, which our product leaves to partners",
      },
      overlap: {
        explanation:
          "Already a customer of theirs, and 2 of their 3 shared customers are in our target segments",
      },
      willingness: { explanation: "Accepted 3 of 4 intros, usually answers within a few hours" },
    });
    expect(third?.score).toMatchObject({
      partnerOrgId: reseller.org.id,
      classification: "adjacent",
      completeness: { score: 0, explanation: "Hasn't told us what they offer" },
      overlap: {
        explanation:
          "They list this account without saying how they know it, but 1 of the 2 accounts we share with them is in our target segments",
      },
      willingness: { explanation: "No intros asked yet, and hasn't opted in to co-selling" },
    });
    expect(third?.score?.summary).toMatch(/^Adjacent: hasn't told us what they offer/);
  });

  it("says so when the vendor hasn't set up its solution map, without judging the target market", async () => {
    const { vendor } = await scenario();

    const { partners } = await lookup(await signInAs(client, vendor.users.rep.email), "V-1");

    expect(partners[0]?.score).toMatchObject({
      completeness: {
        score: 0,
        explanation:
          "Implements and configures the rollout; we can't tell whether that completes our product until we set up our solution map",
      },
      overlap: { explanation: "Already a customer of theirs, and we share 3 customers with them" },
    });
  });

  it("stops counting a partner's customers as soon as it stops sharing how it knows them", async () => {
    const { vendor, consultancy } = await scenario();
    const token = await signInAs(client, vendor.users.rep.email);
    const before = await lookup(token, "V-1");

    await database.db
      .update(sharingRules)
      .set({ fields: ["name"] })
      .where(eq(sharingRules.orgId, consultancy.org.id));
    const after = await lookup(token, "V-1");

    expect(before.partners[0]?.score?.overlap.explanation).toContain("we share 3 customers with them");
    expect(after.partners[0]).toMatchObject({
      relationship: null,
      score: {
        overlap: {
          explanation:
            "They list this account without saying how they know it, and we share 3 accounts with them",
        },
      },
    });
  });

  it("counts what changed since the last lookup at once, such as an intro answered in between", async () => {
    const { vendor, consultancy } = await scenario();
    const token = await signInAs(client, vendor.users.rep.email);
    const before = await lookup(token, "V-1");
    const withConsultancy = await database.db
      .select({ partnershipId: introRequests.partnershipId })
      .from(introRequests)
      .where(eq(introRequests.toOrgId, consultancy.org.id))
      .limit(1);

    await database.db.insert(introRequests).values({
      id: randomUUID(),
      fromOrgId: vendor.org.id,
      toOrgId: consultancy.org.id,
      partnershipId: withConsultancy[0]!.partnershipId,
      status: "accepted",
      createdAt: new Date(Date.now() - 2 * HOUR),
      respondedAt: new Date(Date.now() - HOUR),
    });
    const after = await lookup(token, "V-1");

    expect(before.partners[0]?.score?.willingness.explanation).toMatch(/^Accepted 3 of 4 intros/);
    expect(after.partners[0]?.score?.willingness.explanation).toMatch(/^Accepted 4 of 5 intros/);
  });

  it("scores from the viewer's side: the partner looking at the same account sees its own picture", async () => {
    const { vendor, consultancy } = await scenario();
    // The consultancy sees the vendor in its accounts only once the vendor shares its overlaps.
    await database.db
      .update(sharingRules)
      .set({ level: "overlaps" })
      .where(eq(sharingRules.orgId, vendor.org.id));

    const { partners } = await lookup(await signInAs(client, consultancy.users.rep.email), "C-1");

    expect(partners).toHaveLength(1);
    expect(partners[0]?.score).toMatchObject({
      partnerName: "Northwind",
      willingness: {
        explanation:
          "Rarely accepts intros (0 of 2), takes about 21 days to answer, and hasn't opted in to co-selling",
      },
    });
  });
});
