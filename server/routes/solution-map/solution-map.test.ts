import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import { useTestDatabase } from "../../testing/database";
import { createTestOrg, signInAs, type TestApp, testApp } from "../../testing/fixtures";

const database = useTestDatabase();
let client: TestApp;
beforeAll(() => {
  client = testApp(database);
});

const northwind = {
  covers: ["analytics"],
  leavesToPartners: [
    { area: "implementation_services" },
    { area: "data_platform", reason: "we only read data that is already clean" },
    { area: "managed_services", segments: ["enterprise"] },
  ],
  target: { segments: ["mid_market", "enterprise"], industries: ["Retail"], regions: ["EMEA"] },
};

describe("the solution map", () => {
  it("refuses, with If-Match, a change made on a map that another admin has changed since it was read", async () => {
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.admin.email);
    // No map yet: there is nothing an If-Match could name.
    const none = await client.request("PUT", "/v1/solution-map", {
      token,
      body: northwind,
      headers: { "if-match": '"anything"' },
    });
    expect(none.status).toBe(412);
    const saved = await client.request("PUT", "/v1/solution-map", { token, body: northwind });
    const etag = (await client.request("GET", "/v1/solution-map", { token })).headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(saved.headers.get("etag")).toBe(etag);
    const narrower = { ...northwind, leavesToPartners: [{ area: "implementation_services" }] };
    const first = await client.request("PUT", "/v1/solution-map", {
      token,
      body: narrower,
      headers: { "if-match": etag! },
    });
    expect(first.status).toBe(200);
    const stale = { ...northwind, target: { ...northwind.target, regions: ["EMEA", "APAC"] } };
    const second = await client.request("PUT", "/v1/solution-map", {
      token,
      body: stale,
      headers: { "if-match": etag! },
    });
    expect(second.status).toBe(412);
    expect(second.body).toMatchObject({ error: { code: "precondition_failed" } });
    expect((await client.request("GET", "/v1/solution-map", { token })).body).toMatchObject(narrower);
  });

  it("doesn't exist until an admin sets it up, and the change is in the audit log", async () => {
    const { org, users } = await createTestOrg(database);
    const repToken = await signInAs(client, users.rep.email);

    const before = await client.request("GET", "/v1/solution-map", { token: repToken });
    const saved = await client.request("PUT", "/v1/solution-map", {
      token: await signInAs(client, users.admin.email),
      body: northwind,
    });
    const after = await client.request("GET", "/v1/solution-map", { token: repToken });

    expect(before.status).toBe(404);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject(northwind);
    expect(after.body).toEqual(saved.body);
    const logged = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "solution_map.updated")));
    expect(logged).toMatchObject([{ actorUserId: users.admin.id, details: northwind }]);
  });

  it("is replaced as a whole by a later PUT", async () => {
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.admin.email);
    await client.request("PUT", "/v1/solution-map", { token, body: northwind });

    const narrower = { ...northwind, leavesToPartners: [{ area: "security" }] };
    await client.request("PUT", "/v1/solution-map", { token, body: narrower });

    const read = await client.request("GET", "/v1/solution-map", { token });
    expect(read.body.leavesToPartners).toEqual([{ area: "security" }]);
  });

  it("can't be changed by anyone but an admin", async () => {
    const { users } = await createTestOrg(database);
    for (const role of ["rep", "partner_rep", "manager"] as const) {
      const token = await signInAs(client, users[role].email);
      const response = await client.request("PUT", "/v1/solution-map", { token, body: northwind });
      expect(response.status).toBe(403);
    }
    const read = await client.request("GET", "/v1/solution-map", {
      token: await signInAs(client, users.admin.email),
    });
    expect(read.status).toBe(404);
  });

  it("belongs to one organisation: another one doesn't see it", async () => {
    const vendor = await createTestOrg(database);
    const other = await createTestOrg(database);
    await client.request("PUT", "/v1/solution-map", {
      token: await signInAs(client, vendor.users.admin.email),
      body: northwind,
    });

    const read = await client.request("GET", "/v1/solution-map", {
      token: await signInAs(client, other.users.admin.email),
    });

    expect(read.status).toBe(404);
  });

  it("rejects an invalid map, naming each offending field", async () => {
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.admin.email);

    const response = await client.request("PUT", "/v1/solution-map", {
      token,
      body: {
        covers: ["analytics", "dashboards"],
        leavesToPartners: [{ area: "security", segments: ["huge"], reason: "" }],
      },
    });

    expect(response.status).toBe(400);
    const fields = (response.body.error as { details: { field: string }[] }).details.map((d) => d.field);
    expect(fields.sort()).toEqual([
      "covers.1",
      "leavesToPartners.0.reason",
      "leavesToPartners.0.segments.0",
      "target",
    ]);
  });
});
