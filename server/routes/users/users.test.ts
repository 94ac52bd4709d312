import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { teams, users } from "../../db/schema";
import { useTestDatabase } from "../../testing/database";
import { createTestOrg, signInAs, testApp } from "../../testing/fixtures";

const database = useTestDatabase();

/** An organisation whose manager and rep are in team "East" and whose partner rep is in "West". */
async function orgWithTeams() {
  const org = await createTestOrg(database, "Teams Org");
  const [east, west] = await database.db
    .insert(teams)
    .values([
      { orgId: org.org.id, name: "East" },
      { orgId: org.org.id, name: "West" },
    ])
    .returning();
  await database.db
    .update(users)
    .set({ teamId: east!.id })
    .where(inArray(users.id, [org.users.manager.id, org.users.rep.id]));
  await database.db.update(users).set({ teamId: west!.id }).where(eq(users.id, org.users.partner_rep.id));
  return { ...org, east: east!, west: west! };
}

describe("GET /v1/users", () => {
  it("shows admins every user of their organisation, and no one else's", async () => {
    const client = testApp(database);
    const org = await orgWithTeams();
    await createTestOrg(database, "Other Org");
    const token = await signInAs(client, org.users.admin.email);

    const response = await client.request("GET", "/v1/users", { token });

    expect(response.status).toBe(200);
    const listed = response.body.users as { id: string; email: string; role: string }[];
    expect(listed.map((user) => user.email).sort()).toEqual(
      Object.values(org.users)
        .map((user) => user.email)
        .sort(),
    );
    expect(listed).toContainEqual({
      id: org.users.partner_rep.id,
      email: org.users.partner_rep.email,
      name: "partner_rep of Teams Org",
      role: "partner_rep",
      team: { id: org.west.id, name: "West" },
    });
    expect(listed.find((user) => user.role === "admin")).toMatchObject({ team: null });
  });

  it("shows managers the users of their own team only", async () => {
    const client = testApp(database);
    const org = await orgWithTeams();
    const token = await signInAs(client, org.users.manager.email);

    const response = await client.request("GET", "/v1/users", { token });

    expect(response.status).toBe(200);
    expect(response.body.users).toEqual([
      {
        id: org.users.manager.id,
        email: org.users.manager.email,
        name: "manager of Teams Org",
        role: "manager",
        team: { id: org.east.id, name: "East" },
      },
      {
        id: org.users.rep.id,
        email: org.users.rep.email,
        name: "rep of Teams Org",
        role: "rep",
        team: { id: org.east.id, name: "East" },
      },
    ]);
  });

  it("shows a manager without a team nobody", async () => {
    const client = testApp(database);
    const org = await createTestOrg(database);
    const token = await signInAs(client, org.users.manager.email);
    const response = await client.request("GET", "/v1/users", { token });
    expect(response).toMatchObject({ status: 200, body: { users: [] } });
  });

  it.each(["rep", "partner_rep"] as const)("refuses a %s with 403", async (role) => {
    const client = testApp(database);
    const org = await orgWithTeams();
    const token = await signInAs(client, org.users[role].email);
    const response = await client.request("GET", "/v1/users", { token });
    expect(response).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  });
});

describe("GET /v1/me/settings", () => {
  it("starts from the defaults", async () => {
    const client = testApp(database);
    const org = await createTestOrg(database);
    const token = await signInAs(client, org.users.rep.email);
    const response = await client.request("GET", "/v1/me/settings", { token });
    expect(response).toMatchObject({ status: 200, body: { sidebarCollapsed: false } });
  });
});

describe("PUT /v1/me/settings", () => {
  it("refuses a request without a body, and keeps the settings it would have reset", async () => {
    const client = testApp(database);
    const org = await createTestOrg(database);
    const token = await signInAs(client, org.users.rep.email);
    await client.request("PUT", "/v1/me/settings", { token, body: { sidebarCollapsed: true } });

    const response = await client.request("PUT", "/v1/me/settings", { token });

    expect(response).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_request", details: [{ field: "(body)" }] } },
    });
    expect((await client.request("GET", "/v1/me/settings", { token })).body).toEqual({
      sidebarCollapsed: true,
    });
  });

  it("refuses settings that leave out a setting, as a misspelt one does, and keeps the one it would have reset", async () => {
    const client = testApp(database);
    const org = await createTestOrg(database);
    const token = await signInAs(client, org.users.rep.email);
    await client.request("PUT", "/v1/me/settings", { token, body: { sidebarCollapsed: true } });

    for (const body of [{}, { sidebarcollapsed: false }]) {
      const response = await client.request("PUT", "/v1/me/settings", { token, body });
      expect(response).toMatchObject({
        status: 400,
        body: { error: { code: "invalid_request", details: [{ field: "sidebarCollapsed" }] } },
      });
    }
    expect((await client.request("GET", "/v1/me/settings", { token })).body).toEqual({
      sidebarCollapsed: true,
    });
  });
});
