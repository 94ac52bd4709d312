import { createReadStream } from "node:fs";
import { sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { createPartnership } from "../admin/organisations";
import type { Db } from "../db/client";
import { rows } from "../db/client";
import { AccountsCsvError } from "../import/errors";
import { useTestDatabase } from "../testing/database";
import { createTestOrg } from "../testing/fixtures";
import { interceptedDb } from "../testing/intercepted-db";
import { ImportSupersededError, importAccountsCsv, KEPT_ERRORS } from "./import";

const fixture = (name: string) =>
  createReadStream(new URL(`../../test/fixtures/csv/${name}`, import.meta.url));

const database = useTestDatabase();

async function* csv(lines: Iterable<string>) {
  for (const line of lines) yield `${line}\n`;
}

const header = "Account ID,Account Name,Type,Website,Account Owner Email";
const row = (n: number, name = `Company ${n}`) =>
  `001Hs${String(n).padStart(10, "0")},${name},Customer,company-${n}.com,owner${n}@northwind.io`;

const accountCount = async (orgId: string) =>
  (
    await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from accounts where org_id = ${orgId}`,
    )
  )[0]!.n;

const failedRun = async (orgId: string) =>
  (
    await rows<{ status: string; reason: string }>(
      database.db,
      sql`select r.status, l.details->>'reason' as reason
          from import_runs r left join audit_log l on l.subject = r.id::text and l.action = 'accounts.import_failed'
          where r.org_id = ${orgId}`,
    )
  )[0];

const runStatus = async (id: string) =>
  (await rows<{ status: string }>(database.db, sql`select status from import_runs where id = ${id}`))[0]
    ?.status;

describe("importAccountsCsv", () => {
  it("imports the Salesforce fixture, reporting bad rows with their line and reason", async () => {
    const { org } = await createTestOrg(database);
    const summary = await importAccountsCsv(database.db, org.id, fixture("salesforce-accounts.csv"), {
      source: "salesforce-accounts.csv",
    });
    expect(summary.rowsFailed).toBeGreaterThan(0);
    expect(summary.errors.map((e) => e.line)).toContain(14); // "Orphaned Co-op", which has no Account ID
    expect(summary.errors.find((e) => e.line === 14)!.reason).toMatch(/crmId/);
    expect(summary.inserted + summary.duplicates).toBe(summary.rowsOk);
    expect(await accountCount(org.id)).toBe(summary.inserted);
    expect(await runStatus(summary.id)).toBe("applied");
    const staged = await rows(database.db, sql`select 1 from import_rows where run_id = ${summary.id}`);
    expect(staged).toHaveLength(0);
  });

  it("reports how far applying the staged rows has got, up to every account the import holds", async () => {
    const { org } = await createTestOrg(database);
    const lines = [header, ...Array.from({ length: 4_500 }, (_, n) => row(n)), row(7, "Company 7 again")];
    const progress: [number, number][] = [];
    await importAccountsCsv(database.db, org.id, csv(lines), {
      source: "big.csv",
      onApplyProgress: (done, total) => progress.push([done, total]),
    });
    // One step per page read back, from nothing to the 4,500 distinct accounts.
    expect(progress).toEqual([
      [0, 4_500],
      [2_000, 4_500],
      [4_000, 4_500],
      [4_500, 4_500],
    ]);
  });

  it("keeps the last row of a CRM id that appears twice", async () => {
    const { org } = await createTestOrg(database);
    const summary = await importAccountsCsv(database.db, org.id, fixture("hubspot-companies.csv"), {
      source: "hubspot-companies.csv",
    });
    expect(summary.duplicates).toBe(1);
    const [northwind] = await rows<{ relationship: string; websites: string[] }>(
      database.db,
      sql`select relationship, websites from accounts where org_id = ${org.id} and crm_id = '9312004102'`,
    );
    expect(northwind).toMatchObject({ relationship: "customer" });
    expect(northwind!.websites).toContain("https://northwindharbor.com");
  });

  it("changes nothing, not even the sync feed, when the same file is imported twice", async () => {
    const { org } = await createTestOrg(database);
    const partner = await createTestOrg(database);
    await createPartnership(database.db, {
      orgSlug: partner.slug,
      partnerSlug: (
        await rows<{ slug: string }>(database.db, sql`select slug from orgs where id = ${org.id}`)
      )[0]!.slug,
      share: { level: "overlaps", fields: ["name"] },
      partnerShare: { level: "overlaps", fields: ["name"] },
    });
    await importAccountsCsv(database.db, partner.org.id, fixture("hubspot-companies.csv"), {
      source: "hubspot",
    });
    await importAccountsCsv(database.db, org.id, fixture("salesforce-accounts.csv"), { source: "sf" });
    const feed = sql`select count(*)::int as n from changes where org_id in (${org.id}, ${partner.org.id})`;
    const stamps = sql`select max(updated_at)::text as at from accounts where org_id = ${org.id}`;
    const before = { feed: await rows(database.db, feed), stamps: await rows(database.db, stamps) };

    const again = await importAccountsCsv(database.db, org.id, fixture("salesforce-accounts.csv"), {
      source: "sf",
    });
    expect(again).toMatchObject({ inserted: 0, updated: 0 });
    expect(again.unchanged).toBeGreaterThan(0);
    expect(again.matching.accountsMatched).toBe(0);
    expect(await rows(database.db, feed)).toEqual(before.feed);
    expect(await rows(database.db, stamps)).toEqual(before.stamps);
  });

  it("reports a row holding text the database cannot store, and lands the others", async () => {
    const { org } = await createTestOrg(database);
    const lines = [header, row(1), row(2, "Acme\u0000 Inc"), row(3)];
    const dated = [
      "Account ID,Account Name,Type,Last Modified Date",
      "001Hs0000000009,Old Co,Customer,0000-01-01",
    ];
    const summary = await importAccountsCsv(database.db, org.id, csv(lines), { source: "nul.csv" });
    expect(summary).toMatchObject({ rowsOk: 2, rowsFailed: 1, inserted: 2 });
    expect(summary.errors).toEqual([
      { line: 3, reason: 'name ("Account Name"): holds the NUL character (U+0000)' },
    ]);
    expect(await runStatus(summary.id)).toBe("applied");

    const yearZero = await importAccountsCsv(database.db, org.id, csv(dated), { source: "dated.csv" });
    expect(yearZero).toMatchObject({ rowsOk: 0, rowsFailed: 1 });
    expect(yearZero.errors[0]?.reason).toMatch(/^updatedAt /);
    expect(await accountCount(org.id)).toBe(2);
  });

  it("keeps the last row of a GUID spelled two ways, so that importing the file again changes nothing", async () => {
    const { org } = await createTestOrg(database);
    const guid = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
    // More rows between the two spellings than are applied at once, so that they land in different upserts.
    const lines = [
      "Record ID,Company name,Lifecycle Stage",
      `{${guid.toUpperCase()}},Braced,customer`,
      ...Array.from({ length: 2_100 }, (_, n) => `id-${n},Company ${n},lead`),
      `${guid},Bare,opportunity`,
    ];
    const first = await importAccountsCsv(database.db, org.id, csv(lines), { source: "guids.csv" });
    expect(first).toMatchObject({ inserted: 2_101, updated: 0, duplicates: 1 });
    const again = await importAccountsCsv(database.db, org.id, csv(lines), { source: "guids.csv" });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2_101, duplicates: 1 });
    const [account] = await rows<{ name: string }>(
      database.db,
      sql`select name from accounts where org_id = ${org.id} and crm_id = ${guid}`,
    );
    expect(account).toEqual({ name: "Bare" });
  });

  it("fails with a clear error and records it when a header holds U+0000", async () => {
    const { org } = await createTestOrg(database);
    const lines = ["Account ID\u0000,Account Name,Type", "1,Acme,Customer", ",No Id,Customer"];
    const failure = importAccountsCsv(database.db, org.id, csv(lines), { source: "nul.csv" });
    await expect(failure).rejects.toBeInstanceOf(AccountsCsvError);
    await expect(failure).rejects.toThrow(/^Line 1: a header holds the NUL character/);
    expect(await failedRun(org.id)).toEqual({
      status: "failed",
      reason: expect.stringMatching(/^Line 1: a header holds the NUL character/),
    });
  });

  it("records the failure of an import whose error quotes a U+0000 the user sent", async () => {
    const { org } = await createTestOrg(database);
    const failure = importAccountsCsv(database.db, org.id, csv([header, row(1)]), {
      source: "map.csv",
      map: { "Cust\u0000": "crmId" },
    });
    await expect(failure).rejects.toThrow('Column mapping names "Cust\u0000", which is not in the file');
    expect(await failedRun(org.id)).toEqual({
      status: "failed",
      reason: expect.stringMatching(/^Column mapping names "Cust\uFFFD", which is not in the file/),
    });
  });

  // The database's error quotes the failed statement and its parameters: a thousand of the
  // organisation's accounts, which have no place in the audit log that admins page through.
  it("records a database error that stopped the import as the database's own message", async () => {
    const { org } = await createTestOrg(database);
    // The database, in every transaction and savepoint, refusing to store accounts.
    const refusing = interceptedDb(database.db, async ({ text, params }, run) => {
      if (!text.includes("insert into accounts")) return run();
      throw new DrizzleQueryError(text, params, new Error("deadlock detected"));
    });

    await expect(
      importAccountsCsv(refusing, org.id, csv([header, row(1)]), { source: "a.csv" }),
    ).rejects.toThrow();

    const failed = await failedRun(org.id);
    expect(failed).toEqual({
      status: "failed",
      reason: "The database stopped the import: deadlock detected",
    });
  });

  it("throws the error that stopped the import even when recording the failure fails too", async () => {
    const { org } = await createTestOrg(database);
    let transactions = 0;
    // Starting the run works; the database is gone by the time the failure is recorded.
    const failing = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property === "transaction" && ++transactions > 1) {
          return () => Promise.reject(new Error("database gone"));
        }
        return Reflect.get(target, property, receiver);
      },
    }) as Db;
    async function* breaks() {
      yield `${header}\n${row(1)}\n`;
      throw new Error("disk gone");
    }
    await expect(importAccountsCsv(failing, org.id, breaks(), { source: "gone.csv" })).rejects.toThrow(
      "disk gone",
    );
  });

  it("counts every bad row but keeps the first ones only", async () => {
    const { org } = await createTestOrg(database);
    const bad = KEPT_ERRORS + 5;
    const lines = [
      header,
      ...Array.from({ length: bad }, (_, n) => `,Nameless ${n},Customer,x.com,`),
      row(1),
    ];
    const summary = await importAccountsCsv(database.db, org.id, csv(lines), { source: "bad.csv" });
    expect(summary).toMatchObject({ rowsOk: 1, rowsFailed: bad, inserted: 1 });
    expect(summary.errors).toHaveLength(KEPT_ERRORS);
    expect(summary.errors[0]).toEqual({ line: 2, reason: expect.stringMatching(/missing crmId/) });
  });

  it("leaves no account visible when the file breaks part-way, and records the run as failed", async () => {
    const { org } = await createTestOrg(database);
    async function* breaksMidway() {
      yield `${header}\n`;
      for (let n = 0; n < 2_500; n++) yield `${row(n)}\n`;
      yield `001Hs9999999999,"Unclosed quote,Customer,broken.com,\n`;
    }
    await expect(
      importAccountsCsv(database.db, org.id, breaksMidway(), { source: "broken.csv" }),
    ).rejects.toThrow(/never closed/);
    expect(await accountCount(org.id)).toBe(0);
    const [run] = await rows<{ status: string; rows_ok: number; staged: number }>(
      database.db,
      sql`select status, rows_ok, (select count(*)::int from import_rows where run_id = r.id) as staged
          from import_runs r where org_id = ${org.id}`,
    );
    expect(run).toEqual({ status: "failed", rows_ok: 2_500, staged: 0 });
  });

  it("completes an interrupted import when the file is imported again, dropping the stale staging", async () => {
    const { org } = await createTestOrg(database);
    // What a crash during staging leaves behind: a run still staging, with some rows staged.
    const [stale] = await rows<{ id: string }>(
      database.db,
      sql`insert into import_runs (org_id, source) values (${org.id}, 'big.csv') returning id`,
    );
    await database.db.execute(
      sql`insert into import_rows (run_id, org_id, line, account)
          values (${stale!.id}, ${org.id}, 2, ${JSON.stringify({ crmId: "stale", name: "Stale", websites: [], relationship: "customer" })}::jsonb)`,
    );
    expect(await accountCount(org.id)).toBe(0);

    const lines = [header, ...Array.from({ length: 1_500 }, (_, n) => row(n))];
    const summary = await importAccountsCsv(database.db, org.id, csv(lines), { source: "big.csv" });
    expect(summary.inserted).toBe(1_500);
    expect(await accountCount(org.id)).toBe(1_500);
    expect(await runStatus(stale!.id)).toBe("failed");
    expect(await rows(database.db, sql`select 1 from import_rows where run_id = ${stale!.id}`)).toHaveLength(
      0,
    );
  });

  it("applies nothing from an import that a newer one superseded while it was staging", async () => {
    const { org } = await createTestOrg(database);
    let resume!: () => void;
    const paused = new Promise<void>((resolve) => {
      resume = resolve;
    });
    let reachedPause!: () => void;
    const atPause = new Promise<void>((resolve) => {
      reachedPause = resolve;
    });
    async function* slowFile() {
      yield `${header}\n`;
      for (let n = 0; n < 1_200; n++) yield `${row(n, `Old ${n}`)}\n`;
      reachedPause();
      await paused;
      yield `${row(5_000)}\n`;
    }
    const older = importAccountsCsv(database.db, org.id, slowFile(), { source: "older.csv" });
    await atPause;
    const newer = await importAccountsCsv(database.db, org.id, csv([header, row(1, "New 1")]), {
      source: "newer.csv",
    });
    resume();
    await expect(older).rejects.toBeInstanceOf(ImportSupersededError);
    expect(newer.inserted).toBe(1);
    // Both the start of the newer import and the older one's failed apply are on record.
    const failures = await rows<{ subject: string; details: { reason: string } }>(
      database.db,
      sql`select subject, details from audit_log where org_id = ${org.id} and action = 'accounts.import_failed'`,
    );
    expect(failures).toHaveLength(2);
    expect(failures.map((entry) => entry.details.reason)).toEqual([
      expect.stringMatching(/newer import .* started/),
      expect.stringMatching(/newer import .* started/),
    ]);
    expect(new Set(failures.map((entry) => entry.subject)).size).toBe(1);
    const names = await rows<{ name: string }>(
      database.db,
      sql`select name from accounts where org_id = ${org.id}`,
    );
    expect(names).toEqual([{ name: "New 1" }]);
  });
});
