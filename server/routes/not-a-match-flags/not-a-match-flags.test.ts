import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { NotAMatchFlagList } from "../../../src/contract/not-a-match-flags";
import type { OverlapList } from "../../../src/contract/overlaps";
import { rows } from "../../db/client";
import { useTestDatabase } from "../../testing/database";
import { type TestApp, testApp } from "../../testing/fixtures";
import { importFixture, mappingScenario } from "../partnerships/scenario.fixtures";

const database = useTestDatabase();
let client: TestApp;
let scenario: Awaited<ReturnType<typeof mappingScenario>>;
beforeAll(async () => {
  client = testApp(database);
  scenario = await mappingScenario(database, client);
});

const GREYWELL = "001Hs00002kLmSZIA0";
const PARTNER_GREYWELL = { crmId: "5100000008", relationship: "customer", websites: ["gmail.com"] };

async function flagsOf(token: string, query = ""): Promise<NotAMatchFlagList> {
  const response = await client.request("GET", `/v1/not-a-match-flags${query}`, { token });
  expect(response.status).toBe(200);
  return response.body as unknown as NotAMatchFlagList;
}

async function vendorSees(accountName: string): Promise<string | undefined> {
  const response = await client.request("GET", "/v1/overlaps?limit=1000", {
    token: scenario.tokens.vendorRep,
  });
  return (response.body as unknown as OverlapList).overlaps.find((o) => o.account.name === accountName)
    ?.overlapId;
}

/** The partner renames its Greywell, or gives it back its name: the accounts stop or start matching. */
async function partnerNamesGreywell(name: string): Promise<void> {
  const answer = await client.request("POST", "/v1/accounts", {
    token: scenario.tokens.partnerAdmin,
    body: { accounts: [{ ...PARTNER_GREYWELL, name }] },
  });
  expect(answer.status).toBe(200);
}

describe("/v1/not-a-match-flags", () => {
  it("lists the organisation's own flags to admins and managers, with its account, the partner, the reason and who set it", async () => {
    const { tokens, vendor, partner } = scenario;
    const overlapId = (await vendorSees("Greywell Insurance"))!;
    const marked = await client.request("POST", `/v1/overlaps/${overlapId}/not-a-match`, {
      token: tokens.vendorRep,
      body: { reason: "Greywell Insurance Brokers is another company" },
    });
    expect(marked.status).toBe(201);

    const { flags, next } = await flagsOf(tokens.vendorAdmin);
    expect(next).toBeNull();
    expect(flags).toEqual([
      {
        id: expect.any(String),
        account: { crmId: GREYWELL, name: "Greywell Insurance" },
        partner: { id: partner.org.id, name: "Bluefin Partner" },
        reason: "Greywell Insurance Brokers is another company",
        markedBy: { id: vendor.users.rep.id, email: vendor.users.rep.email },
        markedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    const asRep = await client.request("GET", "/v1/not-a-match-flags", { token: tokens.vendorRep });
    expect(asRep.status).toBe(403);
    // The flag hides the pair from the partner too, but it is the vendor's: not listed, not theirs
    // to take back.
    expect((await flagsOf(tokens.partnerAdmin)).flags).toEqual([]);
    const byPartner = await client.request("DELETE", `/v1/not-a-match-flags/${flags[0]!.id}`, {
      token: tokens.partnerAdmin,
    });
    expect(byPartner.status).toBe(404);
  });

  it("takes back a flag whose overlap is gone, so the accounts show again when they match again", async () => {
    const { tokens } = scenario;
    const [flag] = (await flagsOf(tokens.vendorAdmin)).flags;
    const [flagged] = await rows<{ subject: string }>(
      database.db,
      sql`select subject from audit_log where org_id = ${scenario.vendor.org.id} and action = 'overlap.not_a_match'`,
    );

    // The accounts stop matching: the overlap the flag was set on is deleted, and the flag stays.
    await partnerNamesGreywell("Harbourside Holdings");
    expect((await flagsOf(tokens.vendorAdmin)).flags.map((f) => f.id)).toEqual([flag!.id]);
    const byOverlap = await client.request("DELETE", `/v1/overlaps/${flagged!.subject}/not-a-match`, {
      token: tokens.vendorAdmin,
    });
    expect(byOverlap.status).toBe(404);

    const byRep = await client.request("DELETE", `/v1/not-a-match-flags/${flag!.id}`, {
      token: tokens.vendorRep,
    });
    expect(byRep.status).toBe(403);
    const byAdmin = await client.request("DELETE", `/v1/not-a-match-flags/${flag!.id}`, {
      token: tokens.vendorAdmin,
    });
    expect(byAdmin.status).toBe(204);
    expect((await flagsOf(tokens.vendorAdmin)).flags).toEqual([]);
    const again = await client.request("DELETE", `/v1/not-a-match-flags/${flag!.id}`, {
      token: tokens.vendorAdmin,
    });
    expect(again.status).toBe(404);
    const [undone] = await rows<{ subject: string; details: { reason: string } }>(
      database.db,
      sql`select subject, details from audit_log
          where org_id = ${scenario.vendor.org.id} and action = 'overlap.not_a_match_undone'`,
    );
    expect(undone).toEqual({
      subject: flag!.id,
      details: expect.objectContaining({
        crmId: GREYWELL,
        reason: "Greywell Insurance Brokers is another company",
      }),
    });

    expect(await vendorSees("Greywell Insurance")).toBeUndefined();
    await importFixture(client, tokens.partnerAdmin, "hubspot-partner-companies.csv");
    expect(await vendorSees("Greywell Insurance")).toBeDefined();
  });

  it("pages with `after`, and refuses a malformed flag id naming the field", async () => {
    const { tokens } = scenario;
    const overlaps = (await client.request("GET", "/v1/overlaps?limit=3", { token: tokens.vendorRep }))
      .body as unknown as OverlapList;
    for (const { overlapId } of overlaps.overlaps) {
      await client.request("POST", `/v1/overlaps/${overlapId}/not-a-match`, { token: tokens.vendorRep });
    }
    const first = await flagsOf(tokens.vendorAdmin, "?limit=2");
    const second = await flagsOf(tokens.vendorAdmin, `?limit=2&after=${first.next}`);
    expect(first.flags).toHaveLength(2);
    expect(second).toMatchObject({ next: null });
    expect(new Set([...first.flags, ...second.flags].map((f) => f.id)).size).toBe(3);

    const malformed = await client.request("DELETE", "/v1/not-a-match-flags/not-an-id", {
      token: tokens.vendorAdmin,
    });
    expect(malformed).toMatchObject({
      status: 400,
      body: { error: { details: [{ field: expect.stringContaining("flagId") }] } },
    });
  });
});
