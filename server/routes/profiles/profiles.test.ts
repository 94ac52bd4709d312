import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createPartnership } from "../../admin/organisations";
import { auditLog } from "../../db/schema";
import { useTestDatabase } from "../../testing/database";
import { createTestOrg, signInAs, type TestApp, testApp } from "../../testing/fixtures";

const database = useTestDatabase();
let client: TestApp;
beforeAll(() => {
  client = testApp(database);
});

const consultancy = {
  solutionAreas: ["implementation_services", "training"],
  offerings: ["Salesforce rollouts for retailers"],
  track: "complementary",
  coSellOptIn: true,
};

describe("an organisation's own profile", () => {
  it("refuses, with If-Match, a change made on a profile that another admin has changed since it was read", async () => {
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.admin.email);
    const etag = (await client.request("GET", "/v1/profile", { token })).headers.get("etag");
    expect(etag).toMatch(/^"[^"]+"$/);
    // Two admins read the profile; the first describes the organisation.
    const first = await client.request("PUT", "/v1/profile", {
      token,
      body: consultancy,
      headers: { "if-match": etag! },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toMatch(/^"[^"]+"$/);
    // The second, still looking at the empty profile, only opts in: it would wipe the first's work.
    const stale = { solutionAreas: [], track: "complementary", coSellOptIn: true };
    const second = await client.request("PUT", "/v1/profile", {
      token,
      body: stale,
      headers: { "if-match": etag! },
    });
    expect(second.status).toBe(412);
    expect(second.body).toMatchObject({ error: { code: "precondition_failed" } });
    const now = await client.request("GET", "/v1/profile", { token });
    expect(now.body).toMatchObject(consultancy);
    expect(now.headers.get("etag")).toBe(first.headers.get("etag"));
    // Without If-Match a PUT replaces the profile as before.
    expect((await client.request("PUT", "/v1/profile", { token, body: stale })).status).toBe(200);
  });

  it("starts as the default: nothing offered, not opted in, never described", async () => {
    const { org, users } = await createTestOrg(database, "Bluefin");
    const token = await signInAs(client, users.rep.email);

    const response = await client.request("GET", "/v1/profile", { token });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      orgId: org.id,
      name: "Bluefin",
      solutionAreas: [],
      offerings: [],
      track: "complementary",
      coSellOptIn: false,
      updatedAt: null,
    });
  });

  it("is replaced by an admin, and the change is in the audit log", async () => {
    const { org, users } = await createTestOrg(database, "Bluefin");
    const token = await signInAs(client, users.admin.email);

    const saved = await client.request("PUT", "/v1/profile", { token, body: consultancy });
    const read = await client.request("GET", "/v1/profile", {
      token: await signInAs(client, users.rep.email),
    });

    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ orgId: org.id, ...consultancy });
    expect(read.body).toEqual(saved.body);
    expect(Date.parse(read.body.updatedAt as string)).not.toBeNaN();
    const logged = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "profile.updated")));
    expect(logged).toMatchObject([{ actorUserId: users.admin.id, details: consultancy }]);
  });

  it("can't be changed by anyone but an admin", async () => {
    const { users } = await createTestOrg(database);
    for (const role of ["rep", "partner_rep", "manager"] as const) {
      const token = await signInAs(client, users[role].email);
      const response = await client.request("PUT", "/v1/profile", { token, body: consultancy });
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ error: { code: "forbidden" } });
    }
    const read = await client.request("GET", "/v1/profile", {
      token: await signInAs(client, users.admin.email),
    });
    expect(read.body).toMatchObject({ solutionAreas: [], updatedAt: null });
  });

  it("rejects an invalid profile, naming each offending field", async () => {
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.admin.email);

    const response = await client.request("PUT", "/v1/profile", {
      token,
      body: { solutionAreas: ["data_platform", "blockchain"], offerings: [""], track: "gold" },
    });
    const repeated = await client.request("PUT", "/v1/profile", {
      token,
      body: { ...consultancy, solutionAreas: ["training", "training"] },
    });

    expect(response.status).toBe(400);
    const fields = (response.body.error as { details: { field: string }[] }).details.map((d) => d.field);
    expect(fields.sort()).toEqual(["coSellOptIn", "offerings.0", "solutionAreas.1", "track"]);
    expect(repeated.status).toBe(400);
    expect(repeated.body).toMatchObject({
      error: { details: [{ field: "solutionAreas", message: "List each solution area once." }] },
    });
  });
});

describe("a partner's profile", () => {
  it("is readable by its partners only; anyone else gets a 404", async () => {
    const vendor = await createTestOrg(database, "Northwind");
    const partner = await createTestOrg(database, "Bluefin");
    const stranger = await createTestOrg(database, "Stranger");
    await createPartnership(database.db, { orgSlug: vendor.slug, partnerSlug: partner.slug });
    await client.request("PUT", "/v1/profile", {
      token: await signInAs(client, partner.users.admin.email),
      body: consultancy,
    });
    const path = `/v1/partners/${partner.org.id}/profile`;

    const byPartner = await client.request("GET", path, {
      token: await signInAs(client, vendor.users.rep.email),
    });
    const byStranger = await client.request("GET", path, {
      token: await signInAs(client, stranger.users.rep.email),
    });
    const ownThroughPartnerPath = await client.request("GET", path, {
      token: await signInAs(client, partner.users.rep.email),
    });

    expect(byPartner.status).toBe(200);
    expect(byPartner.body).toMatchObject({ orgId: partner.org.id, name: "Bluefin", ...consultancy });
    expect(byStranger.status).toBe(404);
    expect(ownThroughPartnerPath.status).toBe(404);
  });

  it("is the default for a partner that hasn't described itself", async () => {
    const vendor = await createTestOrg(database);
    const partner = await createTestOrg(database, "Harbor");
    await createPartnership(database.db, { orgSlug: vendor.slug, partnerSlug: partner.slug });

    const response = await client.request("GET", `/v1/partners/${partner.org.id}/profile`, {
      token: await signInAs(client, vendor.users.rep.email),
    });

    expect(response.body).toMatchObject({
      name: "Harbor",
      solutionAreas: [],
      coSellOptIn: false,
      updatedAt: null,
    });
  });

  it("answers 404 for an unknown organisation and 400 for a malformed id", async () => {
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.rep.email);

    const unknown = await client.request("GET", `/v1/partners/${randomUUID()}/profile`, { token });
    const malformed = await client.request("GET", "/v1/partners/not-an-id/profile", { token });

    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: { details: [{ field: "param.orgId" }] } });
  });
});
