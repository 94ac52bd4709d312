/**
 * Tenant scoping (./tenant.ts) on the run's database: PGlite, or PostgreSQL in CI, where the
 * transaction is pipelined (./client.ts) and connections are pooled and reused.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { upsertAccounts } from "../mapping/accounts";
import { useTestDatabase } from "../testing/database";
import { createTestOrg } from "../testing/fixtures";
import { rows } from "./client";
import { callTenantFunction, TENANT_FUNCTIONS, type TenantScope, withTenant } from "./tenant";

const database = useTestDatabase();

async function twoOrgs() {
  const first = await createTestOrg(database, "First Org");
  const second = await createTestOrg(database, "Second Org");
  const scope = (org: typeof first): TenantScope => ({ orgId: org.org.id, userId: org.users.rep.id });
  return { first, second, scope };
}

/** Who the next statements on the pool run as, outside any tenant scope. */
async function unscopedConnections() {
  const seen = [];
  // Sequential statements reuse the connections the scoped work just gave back.
  for (let i = 0; i < 12; i++) {
    const [row] = await rows<{ same_role: boolean; org: string | null }>(
      database.db,
      sql`select current_user = session_user as same_role, current_setting('app.org_id', true) as org`,
    );
    seen.push({ sameRole: row!.same_role, org: row!.org || null });
  }
  return seen;
}

const visibleOrgNames = (scope: TenantScope) =>
  withTenant(database, scope, (tx) =>
    rows<{ name: string }>(tx, sql`select name from orgs where slug like ${"t-%"} order by name`),
  );

describe("withTenant", () => {
  it("shows each of many concurrent transactions its own organisation only", async () => {
    const { first, second, scope } = await twoOrgs();
    const seen = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? first : second)).map(async (org) => ({
        expected: [org.org.name],
        names: (await visibleOrgNames(scope(org))).map((row) => row.name),
      })),
    );
    for (const { expected, names } of seen) expect(names).toEqual(expected);
  });

  it("commits what the work wrote, and rolls all of it back when the work fails", async () => {
    const { first, scope } = await twoOrgs();
    const audit = (action: string) =>
      sql`insert into audit_log (org_id, action) values (${first.org.id}, ${action})`;
    await withTenant(database, scope(first), (tx) => tx.execute(audit("test.kept")));
    const failure = withTenant(database, scope(first), async (tx) => {
      await tx.execute(audit("test.rolled_back"));
      throw new Error("the work failed");
    });
    await expect(failure).rejects.toThrow("the work failed");
    const actions = await rows<{ action: string }>(
      database.db,
      sql`select action from audit_log where org_id = ${first.org.id} and action like 'test.%'`,
    );
    expect(actions.map((row) => row.action)).toEqual(["test.kept"]);
  });

  it("reports the statement that failed and leaves the connection usable", async () => {
    const { first, scope } = await twoOrgs();
    const failure = withTenant(database, scope(first), (tx) => tx.execute(sql`select 1 / 0`));
    // Drizzle wraps the database's error; its cause is PostgreSQL's own.
    await expect(failure).rejects.toMatchObject({ cause: { message: "division by zero" } });
    expect((await visibleOrgNames(scope(first))).map((row) => row.name)).toEqual([first.org.name]);
  });

  it("runs work that needs no query, and returns its result", async () => {
    const { first, scope } = await twoOrgs();
    expect(await withTenant(database, scope(first), async () => "kept in memory")).toBe("kept in memory");
  });

  it("refuses a scope that is not a pair of ids before anything reaches the database", async () => {
    const { first } = await twoOrgs();
    const work = () => Promise.resolve(null);
    await expect(
      withTenant(database, { orgId: "x' or true --", userId: first.users.rep.id }, work),
    ).rejects.toThrow("Not a tenant id");
  });

  it("gives connections back to the pool as the server's own role, with no organisation named", async () => {
    const { first, scope } = await twoOrgs();
    await Promise.all(Array.from({ length: 12 }, () => visibleOrgNames(scope(first))));
    for (const connection of await unscopedConnections())
      expect(connection).toEqual({ sameRole: true, org: null });
  });
});

describe("tenant functions", () => {
  it("read the caller's organisation only, in one statement", async () => {
    const { first, second, scope } = await twoOrgs();
    for (const org of [first, second]) {
      await upsertAccounts(database.db, org.org.id, [
        { crmId: "SAME-ID", name: `Account of ${org.org.name}`, websites: [], relationship: "customer" },
      ]);
    }
    for (const org of [first, second]) {
      const found = await callTenantFunction<{ account_name: string }>(
        database.db,
        scope(org),
        "account_partners",
        ["SAME-ID"],
      );
      expect(found.map((row) => row.account_name)).toEqual([`Account of ${org.org.name}`]);
    }
  });

  it("leave the connection as they found it once the statement is over", async () => {
    const { first, scope } = await twoOrgs();
    await Promise.all(
      Array.from({ length: 12 }, () =>
        callTenantFunction(database.db, scope(first), "account_partners", ["NONE"]),
      ),
    );
    for (const connection of await unscopedConnections())
      expect(connection).toEqual({ sameRole: true, org: null });
  });

  it("refuse to run without an organisation", async () => {
    await expect(database.db.execute(sql`select enter_tenant(null, null)`)).rejects.toMatchObject({
      cause: { message: "enter_tenant: no organisation or user" },
    });
  });

  it.each(TENANT_FUNCTIONS)("%s enters the tenant before it reads anything", async (fn) => {
    const [definition] = await rows<{ body: string }>(
      database.db,
      sql`select prosrc as body from pg_proc where proname = ${fn}`,
    );
    expect(definition?.body.trim()).toMatch(/^BEGIN\s+PERFORM enter_tenant\(p_org, p_user\);/);
  });
});
