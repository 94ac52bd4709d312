import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { AuditEntry, AuditPage } from "../../../src/contract/audit";
import { createPartnership } from "../../admin/organisations";
import { users } from "../../db/schema";
import { useTestDatabase } from "../../testing/database";
import { createTestOrg, signInAs, type TestApp, testApp } from "../../testing/fixtures";

const database = useTestDatabase();

async function readAll(client: TestApp, token: string, limit: number) {
  const pages: AuditPage[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=${limit}&cursor=${cursor}` : `?limit=${limit}`;
    const response = await client.request("GET", `/v1/audit${query}`, { token });
    expect(response.status).toBe(200);
    const page = response.body as unknown as AuditPage;
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor);
  return pages;
}

describe("GET /v1/audit", () => {
  it("pages through the organisation's log, newest first, each entry once", async () => {
    const client = testApp(database);
    const org = await createTestOrg(database, "Audited");
    const partner = await createTestOrg(database, "Partner");
    await createPartnership(database.db, { orgSlug: org.slug, partnerSlug: partner.slug });
    const repToken = await signInAs(client, org.users.rep.email);
    await client.request("POST", "/v1/auth/sign-out", { token: repToken });
    await signInAs(client, partner.users.admin.email);
    const token = await signInAs(client, org.users.admin.email);

    const pages = await readAll(client, token, 2);

    const entries = pages.flatMap((page) => page.entries);
    expect(pages.map((page) => page.entries.length)).toEqual([2, 2, 2, 2]);
    expect(entries.map((entry) => entry.action)).toEqual([
      "auth.sign_in",
      "auth.sign_out",
      "auth.sign_in",
      "partnership.created",
      // createTestOrg's users, one per role, the last one first.
      ...Array<string>(4).fill("user.created"),
    ]);
    expect(entries.map((entry) => entry.id)).toEqual(
      [...entries.map((entry) => entry.id)].sort((a, b) => b - a),
    );
    expect(entries[0]).toMatchObject({
      actor: { id: org.users.admin.id, email: org.users.admin.email },
      subject: null,
      details: { ip: expect.any(String) },
    });
    expect(entries[1]!.actor).toEqual({ id: org.users.rep.id, email: org.users.rep.email });
    expect(entries[3]).toMatchObject<Partial<AuditEntry>>({ actor: null, subject: partner.slug });
    expect(Date.parse(entries[3]!.at)).not.toBeNaN();
  });

  it("keeps the entries of a deleted user, without an actor", async () => {
    const client = testApp(database);
    const org = await createTestOrg(database);
    await signInAs(client, org.users.rep.email);
    await database.db.delete(users).where(eq(users.id, org.users.rep.id));
    const token = await signInAs(client, org.users.admin.email);
    const [, repSignIn] = (await readAll(client, token, 10))[0]!.entries;
    expect(repSignIn).toMatchObject({ action: "auth.sign_in", actor: null });
  });

  it.each(["rep", "partner_rep", "manager"] as const)("refuses a %s with 403", async (role) => {
    const client = testApp(database);
    const org = await createTestOrg(database);
    const token = await signInAs(client, org.users[role].email);
    const response = await client.request("GET", "/v1/audit", { token });
    expect(response).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  });

  it("rejects a malformed cursor with a 400 naming the field, the same way for every fault", async () => {
    const client = testApp(database);
    const org = await createTestOrg(database);
    const token = await signInAs(client, org.users.admin.email);
    for (const cursor of ["nope", "a".repeat(600)]) {
      const response = await client.request("GET", `/v1/audit?cursor=${cursor}`, { token });
      expect(response).toMatchObject({
        status: 400,
        body: { error: { details: [{ field: "query.cursor" }] } },
      });
    }
  });
});
