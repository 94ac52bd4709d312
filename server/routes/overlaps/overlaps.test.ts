import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Overlap, OverlapList } from "../../../src/contract/overlaps";
import { rows } from "../../db/client";
import { useTestDatabase } from "../../testing/database";
import { type TestApp, testApp } from "../../testing/fixtures";
import { importFixture, mappingScenario, PARTNER_SHARE } from "../partnerships/scenario.fixtures";

const database = useTestDatabase();
let client: TestApp;
let scenario: Awaited<ReturnType<typeof mappingScenario>>;
beforeAll(async () => {
  client = testApp(database);
  scenario = await mappingScenario(database, client);
});

async function overlapsOf(token: string, query = ""): Promise<Overlap[]> {
  const response = await client.request("GET", `/v1/overlaps?limit=1000${query}`, { token });
  expect(response.status).toBe(200);
  return (response.body as unknown as OverlapList).overlaps;
}

const byAccount = (overlaps: Overlap[], name: string) => overlaps.filter((o) => o.account.name === name);

/** The vendor's overlap id for its account `crmId` (whatever the partner shares). */
async function vendorOverlapId(crmId: string): Promise<string> {
  const [row] = await rows<{ id: string }>(
    database.db,
    sql`select o.id from account_overlaps o join accounts a on a.id = o.account_id
        where o.org_id = ${scenario.vendor.org.id} and a.crm_id = ${crmId}`,
  );
  return row!.id;
}
const GREYWELL = "001Hs00002kLmSZIA0";

describe("GET /v1/overlaps", () => {
  it("filters by one of the caller's partnerships, and says so when the id is none of them", async () => {
    const { partnership, partner, tokens } = scenario;
    expect(await overlapsOf(tokens.vendorRep, `&partnershipId=${partnership.id}`)).toHaveLength(8);
    // The partner's organisation id, easily taken for the partnership's (each overlap shows it).
    for (const id of [partner.org.id, "7b0e4a52-2c1d-4f3e-9a8b-5c6d7e8f9a0b"]) {
      const answer = await client.request("GET", `/v1/overlaps?partnershipId=${id}`, {
        token: tokens.vendorRep,
      });
      expect(answer).toMatchObject({
        status: 404,
        body: {
          error: {
            code: "not_found",
            details: [{ field: "query.partnershipId", message: "Not one of your partnerships." }],
          },
        },
      });
    }
  });

  it("lists the shared overlaps, each with its method, confidence and a one-line explanation", async () => {
    const overlaps = await overlapsOf(scenario.tokens.vendorRep);
    expect(overlaps).toHaveLength(8);
    expect(byAccount(overlaps, "Ironbark Mining Pty Ltd")).toEqual([
      {
        overlapId: expect.any(String),
        account: {
          id: expect.any(String),
          crmId: "001Hs00002kLmQXIA0",
          name: "Ironbark Mining Pty Ltd",
          relationship: "customer",
        },
        partner: { id: scenario.partner.org.id, name: "Bluefin Partner" },
        partnerAccount: {
          name: "Ironbark Mining",
          relationship: "opportunity",
          owner: { name: "Ines Duarte", email: null },
        },
        match: {
          method: "domain",
          confidence: 0.98,
          matchedOn: "ironbarkmining.com.au",
          explanation: "Same website domain: ironbarkmining.com.au (98% confident)",
        },
      },
    ]);
    // Greywell's partner record has only a free-mail website, so the name decides.
    expect(byAccount(overlaps, "Greywell Insurance")[0]!.match).toEqual({
      method: "name",
      confidence: 0.8,
      matchedOn: "greywell insurance",
      explanation: expect.stringMatching(/^Same company name “greywell insurance”.*\(80% confident\)$/),
    });
    // Look-alikes are not matches: Halcyon Airlines is another company than Halcyon Airways.
    expect(overlaps.map((o) => o.partnerAccount.name)).not.toContain("Halcyon Airlines");
  });

  it("filters by population and pages through the list", async () => {
    const prospects = await overlapsOf(scenario.tokens.vendorRep, "&population=prospect");
    expect(prospects.map((o) => o.account.relationship)).toEqual(["prospect", "prospect", "prospect"]);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const query: string = `/v1/overlaps?limit=3${after ? `&after=${after}` : ""}`;
      const page = (await client.request("GET", query, { token: scenario.tokens.vendorRep }))
        .body as unknown as OverlapList;
      seen.push(...page.overlaps.map((o) => o.overlapId));
      after = page.next;
    } while (after);
    expect(new Set(seen).size).toBe(8);
  });

  it("answers 404 for an overlap the caller may not see", async () => {
    const hidden = await vendorOverlapId("001Hs00002kLmCJIA0"); // Saltmarsh × the partner's prospect
    expect(
      (await client.request("GET", `/v1/overlaps/${hidden}`, { token: scenario.tokens.vendorRep })).status,
    ).toBe(404);
    const [partnersHalf] = await rows<{ id: string }>(
      database.db,
      sql`select id from account_overlaps where org_id = ${scenario.partner.org.id} limit 1`,
    );
    const theirs = await client.request("GET", `/v1/overlaps/${partnersHalf!.id}`, {
      token: scenario.tokens.vendorRep,
    });
    expect(theirs.status).toBe(404);
  });
});

describe("not a match", () => {
  it("hides an overlap from both sides, survives re-imports and re-matching, and can be taken back by an admin", async () => {
    const { tokens } = scenario;
    // The vendor shares its overlaps too, so the partner would see this one.
    await client.request("PUT", `/v1/partnerships/${scenario.partnership.id}/sharing`, {
      token: tokens.vendorAdmin,
      body: { level: "overlaps", populations: ["customer", "opportunity", "prospect"], fields: ["name"] },
    });
    const partnerSeesGreywell = async () =>
      (await overlapsOf(tokens.partnerRep)).some((o) => o.account.name === "Greywell Insurance");
    expect(await partnerSeesGreywell()).toBe(true);

    const overlapId = await vendorOverlapId(GREYWELL);
    const marked = await client.request("POST", `/v1/overlaps/${overlapId}/not-a-match`, {
      token: tokens.vendorRep,
      body: { reason: "Greywell Insurance Brokers is another company" },
    });
    expect(marked).toMatchObject({
      status: 201,
      body: { overlapId, markedBy: "you", reason: "Greywell Insurance Brokers is another company" },
    });
    expect(byAccount(await overlapsOf(tokens.vendorRep), "Greywell Insurance")).toEqual([]);
    expect(await partnerSeesGreywell()).toBe(false);
    const lookup = await client.request("GET", `/v1/accounts/partners?crmId=${GREYWELL}`, {
      token: tokens.vendorRep,
    });
    expect(lookup.body.partners).toEqual([]);
    const again = await client.request("POST", `/v1/overlaps/${overlapId}/not-a-match`, {
      token: tokens.vendorRep,
    });
    expect(again).toMatchObject({ status: 200, body: { markedBy: "you" } });
    const [audit] = await rows<{ subject: string }>(
      database.db,
      sql`select subject from audit_log where org_id = ${scenario.vendor.org.id} and action = 'overlap.not_a_match'`,
    );
    expect(audit).toEqual({ subject: overlapId });

    // The partner's Greywell gets a website, then loses it again: the overlap row is deleted and
    // re-created under a new id, and both organisations re-import their files.
    const greywell = { crmId: "5100000008", name: "Greywell Insurance", relationship: "customer" };
    await client.request("POST", "/v1/accounts", {
      token: tokens.partnerAdmin,
      body: { accounts: [{ ...greywell, websites: ["greywell-brokers.co.uk"] }] },
    });
    await client.request("POST", "/v1/accounts", {
      token: tokens.partnerAdmin,
      body: { accounts: [{ ...greywell, websites: ["gmail.com"] }] },
    });
    await importFixture(client, tokens.vendorAdmin, "salesforce-accounts.csv");
    await importFixture(client, tokens.partnerAdmin, "hubspot-partner-companies.csv");
    const recreated = await vendorOverlapId(GREYWELL);
    expect(recreated).not.toBe(overlapId);
    expect(byAccount(await overlapsOf(tokens.vendorRep), "Greywell Insurance")).toEqual([]);
    expect(await partnerSeesGreywell()).toBe(false);

    // The partner sees that the vendor flagged it, but not the vendor's reason.
    const [mirror] = await rows<{ id: string }>(
      database.db,
      sql`select o.id from account_overlaps o join accounts a on a.id = o.account_id
          where o.org_id = ${scenario.partner.org.id} and a.crm_id = '5100000008'`,
    );
    const partnerAsks = await client.request("POST", `/v1/overlaps/${mirror!.id}/not-a-match`, {
      token: tokens.partnerRep,
    });
    expect(partnerAsks).toMatchObject({ status: 200, body: { markedBy: "partner", reason: null } });

    const byRep = await client.request("DELETE", `/v1/overlaps/${recreated}/not-a-match`, {
      token: tokens.vendorRep,
    });
    expect(byRep.status).toBe(403);
    const undone = await client.request("DELETE", `/v1/overlaps/${recreated}/not-a-match`, {
      token: tokens.vendorAdmin,
    });
    expect(undone.status).toBe(204);
    expect(byAccount(await overlapsOf(tokens.vendorRep), "Greywell Insurance")).toHaveLength(1);
    expect(await partnerSeesGreywell()).toBe(true);
    const twice = await client.request("DELETE", `/v1/overlaps/${recreated}/not-a-match`, {
      token: tokens.vendorAdmin,
    });
    expect(twice.status).toBe(404);
  });

  it("keeps one flag when both organisations flag an overlap at the same moment", async () => {
    const { tokens } = scenario;
    await client.request("PUT", `/v1/partnerships/${scenario.partnership.id}/sharing`, {
      token: tokens.vendorAdmin,
      body: { level: "overlaps", populations: ["customer", "opportunity", "prospect"], fields: ["name"] },
    });
    const ironbark = await vendorOverlapId("001Hs00002kLmQXIA0");
    const [mirror] = await rows<{ id: string }>(
      database.db,
      sql`select m.id from account_overlaps o
          join account_overlaps m on m.account_id = o.partner_account_id and m.partner_account_id = o.account_id
          where o.id = ${ironbark}::uuid`,
    );
    const answers = await Promise.all([
      client.request("POST", `/v1/overlaps/${ironbark}/not-a-match`, { token: tokens.vendorRep }),
      client.request("POST", `/v1/overlaps/${mirror!.id}/not-a-match`, { token: tokens.partnerRep }),
    ]);
    // As one after the other: the second to arrive is told the other side flagged it already.
    expect(answers.map((answer) => [answer.status, answer.body.markedBy]).sort()).toEqual([
      [200, "partner"],
      [201, "you"],
    ]);
    const flags = await rows<{ org_id: string }>(
      database.db,
      sql`select org_id from overlap_corrections
          where (org_id = ${scenario.vendor.org.id} and crm_id = '001Hs00002kLmQXIA0')
             or (org_id = ${scenario.partner.org.id} and crm_id = '5100000012')`,
    );
    expect(flags).toHaveLength(1);
  });

  it("takes back a flag only while the partner shares the overlap, so the answer tells nothing of what it keeps", async () => {
    const { tokens } = scenario;
    const [shown] = (await overlapsOf(tokens.vendorRep)).filter(
      (o) => o.partnerAccount.relationship === "opportunity",
    );
    const { overlapId, account } = shown!;
    const flagged = await client.request("POST", `/v1/overlaps/${overlapId}/not-a-match`, {
      token: tokens.vendorRep,
    });
    expect(flagged.status).toBe(201);
    const partnerShares = (populations: string[]) =>
      client.request("PUT", `/v1/partnerships/${scenario.partnership.id}/sharing`, {
        token: tokens.partnerAdmin,
        body: { ...PARTNER_SHARE, populations },
      });

    // The partner stops sharing its opportunities. Whether it still has the account is its own to
    // know: the vendor is answered as if the account were gone, and its flag stays.
    expect((await partnerShares(["customer"])).status).toBe(200);
    const whileHidden = await client.request("DELETE", `/v1/overlaps/${overlapId}/not-a-match`, {
      token: tokens.vendorAdmin,
    });
    expect(whileHidden).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });

    expect((await partnerShares(["customer", "opportunity"])).status).toBe(200);
    expect(byAccount(await overlapsOf(tokens.vendorRep), account.name)).toEqual([]);
    const whileShared = await client.request("DELETE", `/v1/overlaps/${overlapId}/not-a-match`, {
      token: tokens.vendorAdmin,
    });
    expect(whileShared.status).toBe(204);
    expect(byAccount(await overlapsOf(tokens.vendorRep), account.name)).toHaveLength(1);
  });

  it("answers 404 for an overlap the caller cannot see", async () => {
    const hidden = await vendorOverlapId("001Hs00002kLmCJIA0");
    const response = await client.request("POST", `/v1/overlaps/${hidden}/not-a-match`, {
      token: scenario.tokens.vendorRep,
    });
    expect(response.status).toBe(404);
    // Still 404 once the partner flags its half, which it sees: an answer would tell the vendor that
    // the partner has Saltmarsh among the prospects it does not share.
    await client.request("PUT", `/v1/partnerships/${scenario.partnership.id}/sharing`, {
      token: scenario.tokens.vendorAdmin,
      body: { level: "overlaps", populations: ["customer", "opportunity", "prospect"], fields: ["name"] },
    });
    const [mirror] = await rows<{ id: string }>(
      database.db,
      sql`select m.id from account_overlaps o
          join account_overlaps m on m.account_id = o.partner_account_id and m.partner_account_id = o.account_id
          where o.id = ${hidden}::uuid`,
    );
    const flagged = await client.request("POST", `/v1/overlaps/${mirror!.id}/not-a-match`, {
      token: scenario.tokens.partnerRep,
    });
    expect(flagged.status).toBe(201);
    const afterFlag = await client.request("POST", `/v1/overlaps/${hidden}/not-a-match`, {
      token: scenario.tokens.vendorRep,
    });
    expect(afterFlag.status).toBe(404);
    const unknown = await client.request(
      "POST",
      "/v1/overlaps/00000000-0000-4000-8000-000000000000/not-a-match",
      {
        token: scenario.tokens.vendorRep,
      },
    );
    expect(unknown.status).toBe(404);
  });
});
