import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { OverlapMatrix } from "../../../src/contract/partnerships";
import type { SyncResponse } from "../../../src/contract/sync";
import { createPartnership } from "../../admin/organisations";
import { rows } from "../../db/client";
import { upsertAccounts } from "../../mapping/accounts";
import { runMatching } from "../../mapping/match-run";
import { useTestDatabase } from "../../testing/database";
import { createTestOrg, signInAs, type TestApp, testApp } from "../../testing/fixtures";
import { mappingScenario, PARTNER_SHARE, rawGet, UNSHARED_BY_PARTNER } from "./scenario.fixtures";

const database = useTestDatabase();
let client: TestApp;
let scenario: Awaited<ReturnType<typeof mappingScenario>>;
beforeAll(async () => {
  client = testApp(database);
  scenario = await mappingScenario(database, client);
});

/** Reads the whole sync feed from the start (or from `cursor`), returning every page's text. */
async function syncPages(token: string, cursor?: string): Promise<{ pages: string[]; cursor: string }> {
  const pages: string[] = [];
  let next = cursor;
  for (;;) {
    const text = await rawGet(client, token, `/v1/sync${next ? `?cursor=${encodeURIComponent(next)}` : ""}`);
    pages.push(text);
    const page = JSON.parse(text) as SyncResponse;
    next = page.cursor;
    if (!page.hasMore) return { pages, cursor: next };
  }
}

/** Every response a vendor user can get about its partners and overlaps, as raw text. */
async function everythingTheVendorSees(token: string): Promise<string> {
  const { partnership } = scenario;
  const texts = [
    await rawGet(client, token, "/v1/partnerships"),
    await rawGet(client, token, `/v1/partnerships/${partnership.id}/matrix`),
    await rawGet(client, token, `/v1/partnerships/${partnership.id}/sharing`),
    await rawGet(client, token, "/v1/overlaps?limit=1000"),
    ...(await syncPages(token)).pages,
  ];
  const overlaps = JSON.parse(texts[3]!) as { overlaps: { overlapId: string }[] };
  for (const { overlapId } of overlaps.overlaps)
    texts.push(await rawGet(client, token, `/v1/overlaps/${overlapId}`));
  const accounts = await rows<{ crm_id: string }>(
    database.db,
    sql`select crm_id from accounts where org_id = ${scenario.vendor.org.id}`,
  );
  for (const { crm_id } of accounts) {
    texts.push(await rawGet(client, token, `/v1/accounts/partners?crmId=${encodeURIComponent(crm_id)}`));
  }
  return texts.join("\n");
}

describe("GET /v1/partnerships", () => {
  it("lists the caller's partners with both sides' sharing rules", async () => {
    const response = await client.request("GET", "/v1/partnerships", { token: scenario.tokens.vendorRep });
    expect(response.body).toEqual({
      partnerships: [
        {
          id: scenario.partnership.id,
          partner: { id: scenario.partner.org.id, name: "Bluefin Partner" },
          createdAt: expect.any(String),
          sharing: {
            youShare: { level: "counts", populations: ["customer", "opportunity", "prospect"], fields: [] },
            theyShare: PARTNER_SHARE,
          },
        },
      ],
    });
    const stranger = await createTestOrg(database);
    const strangerToken = await signInAs(client, stranger.users.admin.email);
    expect((await client.request("GET", "/v1/partnerships", { token: strangerToken })).body).toEqual({
      partnerships: [],
    });
  });
});

describe("GET /v1/partnerships/{id}/matrix", () => {
  const cell = (
    cells: { mine: string; theirs: string; overlaps: number | null }[],
    mine: string,
    theirs: string,
  ) => cells.find((c) => c.mine === mine && c.theirs === theirs)?.overlaps;

  it("counts overlaps per pair of populations, leaving out the partner's unshared ones", async () => {
    const { body } = await client.request("GET", `/v1/partnerships/${scenario.partnership.id}/matrix`, {
      token: scenario.tokens.vendorRep,
    });
    const cells = body.cells as { mine: string; theirs: string; overlaps: number | null }[];
    expect(cells).toHaveLength(9);
    expect(body).toMatchObject({
      partner: { name: "Bluefin Partner" },
      hiddenPopulations: ["prospect"],
      total: 8,
    });
    expect(cell(cells, "customer", "customer")).toBe(4);
    expect(cell(cells, "customer", "opportunity")).toBe(1);
    expect(cell(cells, "prospect", "customer")).toBe(1);
    expect(cell(cells, "prospect", "opportunity")).toBe(2);
    expect(cell(cells, "opportunity", "customer")).toBe(0);
    for (const mine of ["customer", "opportunity", "prospect"])
      expect(cell(cells, mine, "prospect")).toBeNull();
  });

  it("shows the partner every population the vendor shares, even at counts level", async () => {
    const { body } = await client.request("GET", `/v1/partnerships/${scenario.partnership.id}/matrix`, {
      token: scenario.tokens.partnerRep,
    });
    const cells = body.cells as { mine: string; theirs: string; overlaps: number | null }[];
    expect(body).toMatchObject({ hiddenPopulations: [], total: 11 });
    expect(cell(cells, "prospect", "customer")).toBe(2);
  });

  it("counts the caller's accounts once where the partner holds one company twice", async () => {
    const vendor = await createTestOrg(database, "Vendor");
    const partner = await createTestOrg(database, "Partner");
    const partnership = await createPartnership(database.db, {
      orgSlug: vendor.slug,
      partnerSlug: partner.slug,
      partnerShare: { populations: ["customer", "prospect"] },
    });
    const account = (
      crmId: string,
      name: string,
      website: string,
      relationship: "customer" | "prospect",
    ) => ({
      crmId,
      name,
      websites: [website],
      relationship,
    });
    await upsertAccounts(database.db, vendor.org.id, [
      account("V1", "Acme Tooling", "acme-tooling.com", "customer"),
      account("V2", "Bolt Freight", "bolt-freight.io", "prospect"),
    ]);
    // Three records of Acme on the partner's side: two as a customer, one as a prospect.
    await upsertAccounts(database.db, partner.org.id, [
      account("P1", "Acme Tooling", "acme-tooling.com", "customer"),
      account("P2", "Acme Tooling Inc", "www.acme-tooling.com", "customer"),
      account("P3", "Acme Tooling EU", "acme-tooling.com/eu", "prospect"),
      account("P4", "Bolt Freight", "bolt-freight.io", "customer"),
    ]);
    await runMatching(database.db, { orgId: vendor.org.id });

    const { body } = await client.request("GET", `/v1/partnerships/${partnership.id}/matrix`, {
      token: await signInAs(client, vendor.users.manager.email),
    });
    const cells = (body as OverlapMatrix).cells;
    const counted = (mine: string, theirs: string) => {
      const found = cells.find((c) => c.mine === mine && c.theirs === theirs);
      return { overlaps: found?.overlaps, accounts: found?.accounts };
    };
    expect(counted("customer", "customer")).toEqual({ overlaps: 2, accounts: 1 });
    expect(counted("customer", "prospect")).toEqual({ overlaps: 1, accounts: 1 });
    expect(counted("prospect", "customer")).toEqual({ overlaps: 1, accounts: 1 });
    expect(counted("customer", "opportunity")).toEqual({ overlaps: null, accounts: null });
    expect(body).toMatchObject({ total: 4, accounts: 2 });
  });

  it("is a 404 for anyone outside the partnership", async () => {
    const stranger = await createTestOrg(database);
    const token = await signInAs(client, stranger.users.admin.email);
    const response = await client.request("GET", `/v1/partnerships/${scenario.partnership.id}/matrix`, {
      token,
    });
    expect(response.status).toBe(404);
  });
});

describe("unshared fields and populations", () => {
  it("never reach the other side, in any response", async () => {
    const seen = await everythingTheVendorSees(scenario.tokens.vendorRep);
    expect(seen).toContain("Brightwater Logistics Group"); // a shared name, so the responses are not empty
    for (const secret of UNSHARED_BY_PARTNER) expect(seen).not.toContain(secret);

    // The vendor shares counts only: none of its accounts reaches the partner.
    const partnerSees = [
      await rawGet(client, scenario.tokens.partnerRep, "/v1/overlaps"),
      ...(await syncPages(scenario.tokens.partnerRep)).pages,
      await rawGet(client, scenario.tokens.partnerRep, "/v1/accounts/partners?crmId=5100000001"),
    ].join("\n");
    expect(partnerSees).not.toContain("001Hs00002kLm");
    expect(partnerSees).not.toContain("lumencloud.io");
  });
});

describe("PUT /v1/partnerships/{id}/sharing", () => {
  const path = () => `/v1/partnerships/${scenario.partnership.id}/sharing`;

  it("is for admins only", async () => {
    const response = await client.request("PUT", path(), {
      token: scenario.tokens.partnerRep,
      body: { level: "overlaps", populations: ["customer"], fields: ["owner_email"] },
    });
    expect(response.status).toBe(403);
  });

  it("changes what the partner sees from its next sync on, and is audit-logged", async () => {
    const { cursor } = await syncPages(scenario.tokens.vendorRep);
    const rule = {
      level: "overlaps",
      populations: ["customer", "opportunity", "prospect"],
      fields: ["name", "owner_email"],
    };
    const response = await client.request("PUT", path(), { token: scenario.tokens.partnerAdmin, body: rule });
    expect(response).toMatchObject({ status: 200, body: rule });

    const changes = (await syncPages(scenario.tokens.vendorRep, cursor)).pages.join("\n");
    expect(changes).toContain("kai.osei@bluefin-consulting.com");
    expect(changes).toContain("Saltmarsh Foods Canada");
    const { body } = await client.request("GET", path(), { token: scenario.tokens.vendorRep });
    expect(body).toMatchObject({ theyShare: rule });
    const [audit] = await rows<{ actor_user_id: string; details: { after: unknown } }>(
      database.db,
      sql`select actor_user_id, details from audit_log where org_id = ${scenario.partner.org.id} and action = 'sharing.updated'`,
    );
    expect(audit).toEqual({
      actor_user_id: scenario.partner.users.admin.id,
      details: expect.objectContaining({ after: rule }),
    });

    // Put the scenario back for the other tests.
    await client.request("PUT", path(), { token: scenario.tokens.partnerAdmin, body: PARTNER_SHARE });
  });

  it("audits changes made at the same moment one after the other, each from the rule it replaced", async () => {
    const before = await rows<{ id: number }>(
      database.db,
      sql`select coalesce(max(id), 0) as id from audit_log where org_id = ${scenario.partner.org.id}`,
    );
    const rules = [
      ["name"],
      ["owner_name"],
      ["owner_email"],
      ["name", "owner_name"],
      ["name", "owner_email"],
    ].map((fields) => ({ level: "overlaps", populations: ["customer"], fields }));
    const answers = await Promise.all(
      rules.map((body) => client.request("PUT", path(), { token: scenario.tokens.partnerAdmin, body })),
    );
    expect(answers.map((answer) => answer.status)).toEqual(rules.map(() => 200));

    const audited = await rows<{ details: { before: unknown; after: unknown } }>(
      database.db,
      sql`select details from audit_log where org_id = ${scenario.partner.org.id}
          and action = 'sharing.updated' and id > ${before[0]!.id} order by id`,
    );
    // Each change starts from the rule the one before it left: no change is missing from the log.
    expect(audited).toHaveLength(rules.length);
    for (let i = 1; i < audited.length; i++) {
      expect(audited[i]!.details.before).toEqual(audited[i - 1]!.details.after);
    }

    await client.request("PUT", path(), { token: scenario.tokens.partnerAdmin, body: PARTNER_SHARE });
  });

  it("refuses, with If-Match, a change made on a rule that another admin has changed since it was read", async () => {
    const token = scenario.tokens.partnerAdmin;
    const read = await client.request("GET", path(), { token });
    const etag = read.headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);
    // Two admins read the rule; the first narrows it to customers only.
    const narrowed = { level: "overlaps", populations: ["customer"], fields: ["name"] };
    const first = await client.request("PUT", path(), {
      token,
      body: narrowed,
      headers: { "if-match": etag! },
    });
    expect(first).toMatchObject({ status: 200, body: narrowed });
    expect(first.headers.get("etag")).toMatch(/^"[^"]+"$/);
    expect(first.headers.get("etag")).not.toBe(etag);
    // The second, still looking at the old rule, adds owner emails to it: that would share the
    // opportunities again, which the first has just stopped sharing.
    const stale = { ...PARTNER_SHARE, fields: [...PARTNER_SHARE.fields!, "owner_email"] };
    const second = await client.request("PUT", path(), {
      token,
      body: stale,
      headers: { "if-match": etag! },
    });
    expect(second.status).toBe(412);
    expect(second.body).toMatchObject({ error: { code: "precondition_failed" } });
    expect((second.body.error as { message: string }).message).toMatch(/read it again/);
    const { body } = await client.request("GET", path(), { token: scenario.tokens.vendorRep });
    expect(body).toMatchObject({ theyShare: narrowed });
    // The ETag of the rule as it now stands lets the change through.
    const again = await client.request("PUT", path(), {
      token,
      body: PARTNER_SHARE,
      headers: { "if-match": first.headers.get("etag")! },
    });
    expect(again.status).toBe(200);
  });

  it("shares no accounts unless told which populations, and counts of all of them by default", async () => {
    const implied = await client.request("PUT", path(), {
      token: scenario.tokens.partnerAdmin,
      body: { level: "overlaps", fields: ["name"] },
    });
    expect(implied.status).toBe(400);
    expect(implied.body).toMatchObject({
      error: {
        details: [
          { field: "populations", message: expect.stringMatching(/no accounts are shared by default/) },
        ],
      },
    });
    const { body } = await client.request("GET", path(), { token: scenario.tokens.vendorRep });
    expect(body).toMatchObject({ theyShare: PARTNER_SHARE });

    const counts = await client.request("PUT", path(), {
      token: scenario.tokens.partnerAdmin,
      body: { level: "counts" },
    });
    expect(counts).toMatchObject({
      status: 200,
      body: { level: "counts", populations: ["customer", "opportunity", "prospect"], fields: [] },
    });

    await client.request("PUT", path(), { token: scenario.tokens.partnerAdmin, body: PARTNER_SHARE });
  });

  it("refuses fields at the counts level, where no account and so no field is shared", async () => {
    const response = await client.request("PUT", path(), {
      token: scenario.tokens.partnerAdmin,
      body: { level: "counts", fields: ["owner_email"] },
    });
    expect(response).toMatchObject({
      status: 400,
      body: {
        error: {
          details: [
            {
              field: "fields",
              message:
                "Fields are shared only with overlapping accounts: choose the overlaps level (and its populations), or leave the fields out.",
            },
          ],
        },
      },
    });
    const { body } = await client.request("GET", path(), { token: scenario.tokens.vendorRep });
    expect(body).toMatchObject({ theyShare: PARTNER_SHARE });
  });

  it("rejects fields and populations that do not exist", async () => {
    const response = await client.request("PUT", path(), {
      token: scenario.tokens.partnerAdmin,
      body: { level: "overlaps", populations: ["partner"], fields: ["revenue"] },
    });
    expect(response.status).toBe(400);
  });
});
