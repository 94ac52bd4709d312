/**
 * Prepared statements on PostgreSQL (see ./preparing-client). PGlite has no named statements, so
 * this file needs DATABASE_URL; CI runs it on PostgreSQL.
 */
import { sql } from "drizzle-orm";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../config";
import { createTestOrg } from "../testing/fixtures";
import { type Database, openDatabase, rows } from "./client";
import { PreparingClient } from "./preparing-client";
import { withTenant } from "./tenant";

const DATABASE_URL = readConfig().DATABASE_URL;

if (!DATABASE_URL) {
  it.skip("prepares statements once per connection (needs PostgreSQL: set DATABASE_URL)", () => {});
} else {
  let client: PreparingClient;
  const prepared = async () =>
    (await client.query("select statement from pg_prepared_statements order by prepare_time")).rows.map(
      (row: { statement: string }) => row.statement,
    );

  beforeAll(async () => {
    client = new PreparingClient({ connectionString: DATABASE_URL });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  describe("a connection of the API's pool", () => {
    it("prepares a statement with parameters once and reuses it", async () => {
      const statement = "select $1::int + 1 as next";
      for (const n of [1, 2, 3]) {
        expect((await client.query({ text: statement }, [n])).rows).toEqual([{ next: n + 1 }]);
      }
      expect((await prepared()).filter((text) => text === statement)).toHaveLength(1);
    });

    it("leaves statements without parameters, which may be several, to the simple protocol", async () => {
      const results = (await client.query(
        { text: "select 1 as a; select 2 as b" },
        [],
      )) as unknown as pg.QueryResult[];
      expect(results.map((result) => result.rows[0])).toEqual([{ a: 1 }, { b: 2 }]);
      expect(await prepared()).not.toContain("select 1 as a; select 2 as b");
    });

    it("leaves statements with an array parameter unprepared, so each is planned for its array", async () => {
      const statement = "select count(*)::int as n from unnest($1::int[])";
      expect((await client.query({ text: statement }, [[1, 2, 3]])).rows).toEqual([{ n: 3 }]);
      expect(await prepared()).not.toContain(statement);
    });

    it("leaves long statements unprepared, so bulk inserts don't pile up in the server", async () => {
      const values = Array.from({ length: 1_000 }, (_, i) => i);
      const statement = `select ${values.map((i) => `$${i + 1}::int`).join(" + ")} as total`;
      expect((await client.query({ text: statement }, values)).rows).toEqual([{ total: 499_500 }]);
      expect(await prepared()).not.toContain(statement);
    });
  });

  describe("a statement that a migration made stale", () => {
    const table = `stale_${process.pid}_${Date.now()}`;
    afterAll(async () => {
      await client.query(`drop table if exists ${table}`);
    });

    it("fails once, then is prepared again and sees the new columns", async () => {
      await client.query(`create table ${table} (id int primary key)`);
      await client.query(`insert into ${table} values (1)`);
      const stale = `select * from ${table} where id = $1`;
      const later = `select id + $1::int as next from ${table}`;
      expect((await client.query({ text: stale }, [1])).rows).toEqual([{ id: 1 }]);
      expect((await client.query({ text: later }, [1])).rows).toEqual([{ next: 2 }]);

      // What another API process's migration does while this connection holds the statement.
      await client.query(`alter table ${table} add column note text default 'added'`);
      await expect(client.query({ text: stale }, [1])).rejects.toMatchObject({ code: "0A000" });

      expect((await client.query({ text: stale }, [1])).rows).toEqual([{ id: 1, note: "added" }]);
      // Statements prepared before and after the stale one keep working under their own names.
      expect((await client.query({ text: later }, [2])).rows).toEqual([{ next: 3 }]);
      const fresh = `select count(*)::int as n from ${table} where id >= $1`;
      expect((await client.query({ text: fresh }, [0])).rows).toEqual([{ n: 1 }]);
    });

    it("is prepared again after a failure reported to a callback", async () => {
      const statement = `select id from ${table} where id = $1`;
      // As pg's pool calls it, which the API's queries go through; pg's types leave this form out.
      const query = client.query.bind(client) as (config: object, values: unknown[], done: Done) => void;
      type Done = (error: Error | null, result?: pg.QueryResult) => void;
      const run = () =>
        new Promise<unknown[]>((resolve, reject) =>
          query({ text: statement }, [1], (error, result) => (error ? reject(error) : resolve(result!.rows))),
        );
      expect(await run()).toEqual([{ id: 1 }]);
      await client.query(`alter table ${table} alter column id type bigint`);
      await expect(run()).rejects.toMatchObject({ code: "0A000" });
      expect(await run()).toEqual([{ id: "1" }]);
    });
  });

  describe("row-level security with prepared statements", () => {
    let database: Database;
    beforeAll(async () => {
      database = await openDatabase({ databaseUrl: DATABASE_URL });
    });
    afterAll(async () => {
      await database.close();
    });

    it("still limits a plan that PostgreSQL keeps to the organisation of each request", async () => {
      const first = await createTestOrg(database, "First Org");
      const second = await createTestOrg(database, "Second Org");
      const visibleNames = (org: typeof first) =>
        withTenant(database, { orgId: org.org.id, userId: org.users.rep.id }, (tx) =>
          rows<{ name: string }>(tx, sql`select name from orgs where slug like ${"t-%"}`),
        );
      // More runs than connections times the runs after which PostgreSQL settles on a generic plan.
      for (let run = 0; run < 30; run++) {
        const org = run % 2 === 0 ? first : second;
        expect((await visibleNames(org)).map((row) => row.name)).toEqual([org.org.name]);
      }
    });
  });
}
