/**
 * Drizzle on PGlite in its worker thread (./pglite-thread) must behave as Drizzle on PGlite in
 * this thread: the same rows (the worker has Drizzle's parsers installed instead of receiving them
 * with each query), the same transactions and the same errors. Runs on PGlite whatever
 * DATABASE_URL says.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asDrizzleClient, type PgliteThread, startPgliteThread } from "./pglite-thread";

describe("Drizzle on PGlite in a worker thread", () => {
  let thread: PgliteThread;
  let adapted: ReturnType<typeof drizzle>;
  let plain: ReturnType<typeof drizzle>;
  // One value of each type Drizzle keeps as text, and a few it leaves to PGlite.
  const everyKind = sql`select
      timestamptz '2026-11-24 10:00:00+00' as at,
      timestamp '2026-11-24 10:00:00' as local_at,
      date '2026-11-24' as day,
      interval '1 day 2 hours' as span,
      array[1.5, 2.25]::numeric[] as amounts,
      array[timestamptz '2026-11-24 10:00:00+00'] as ats,
      array[timestamp '2026-11-24 10:00:00'] as local_ats,
      array[interval '1 hour'] as spans,
      array[date '2026-11-24'] as days,
      42::int as count, 2.5::float8 as ratio, true as flag, '{"a":1}'::jsonb as doc,
      array['a','b'] as words, 7::bigint as big, 1.25::numeric as amount`;

  beforeAll(async () => {
    thread = await startPgliteThread({});
    adapted = drizzle(asDrizzleClient(thread));
    plain = drizzle(await PGlite.create());
  });
  afterAll(async () => {
    await thread.close();
    await plain.$client.close();
  });

  it("returns what Drizzle on PGlite returns, dates and timestamps as text", async () => {
    const expected = (await plain.execute(everyKind)).rows;
    expect(expected[0]).toMatchObject({ at: "2026-11-24 10:00:00+00", day: "2026-11-24", count: 42 });
    expect((await adapted.execute(everyKind)).rows).toEqual(expected);
  });

  // Statements with parameters are prepared once and then only bound (./pglite-statements).
  const withParameters = (n: number) => sql`select
      ${n}::int + 1 as next,
      ${`name ${n}`}::text as name,
      ${null}::text as nothing,
      ${sql.param(["a", `b${n}`])}::text[] as words,
      ${JSON.stringify({ n })}::jsonb as doc,
      ${"2026-11-24T10:00:00Z"}::timestamptz as at,
      ${true}::boolean as flag,
      ${String(n)}::bigint as big`;

  it("returns the same rows for a statement with parameters, on its first run and after", async () => {
    for (const n of [1, 2, 3]) {
      const expected = (await plain.execute(withParameters(n))).rows;
      expect(expected[0]).toMatchObject({ next: n + 1, words: ["a", `b${n}`], doc: { n } });
      expect((await adapted.execute(withParameters(n))).rows).toEqual(expected);
      expect(await adapted.transaction(async (tx) => (await tx.execute(withParameters(n))).rows)).toEqual(
        expected,
      );
    }
  });

  it("reads a prepared statement's answer whole when it comes in many pieces", async () => {
    // About 3 MB of rows: PGlite hands its answer over in pieces far smaller than that.
    const many = sql`select n, repeat(${"x"}, 100) || n as text from generate_series(1, ${30_000}::int) as n`;
    const expected = (await plain.execute(many)).rows;
    expect(expected).toHaveLength(30_000);
    expect((await adapted.execute(many)).rows).toEqual(expected);
    const arrays = await adapted
      .select({ n: sql<number>`n` })
      .from(sql`generate_series(1, ${30_000}::int) as n`);
    expect(arrays.at(-1)).toEqual({ n: 30_000 });
  });

  it("runs new statements side by side in a transaction", async () => {
    const tripled = (n: number) => sql`select ${n}::int * 3 as tripled`;
    const joined = sql`select ${"x"}::text || 'y' as joined`;
    const results = await adapted.transaction((tx) =>
      Promise.all([tx.execute(tripled(1)), tx.execute(tripled(2)), tx.execute(joined)]),
    );
    expect(results.map((result) => result.rows[0])).toEqual([
      { tripled: 3 },
      { tripled: 6 },
      { joined: "xy" },
    ]);
  });

  it("prepares statements with scalar parameters, and plans those with an array for each array", async () => {
    const scalar = sql`select ${7}::int * 6 as answer`;
    const array = sql`select count(*)::int as n from unnest(${sql.param([1, 2, 3])}::int[])`;
    expect((await adapted.execute(scalar)).rows).toEqual([{ answer: 42 }]);
    expect((await adapted.execute(array)).rows).toEqual([{ n: 3 }]);
    const prepared = (await adapted.execute(sql`select statement from pg_prepared_statements`)).rows.map(
      (row) => row.statement,
    );
    expect(prepared).toContain("select $1::int * 6 as answer");
    expect(prepared).not.toContain("select count(*)::int as n from unnest($1::int[])");
  });

  it("reports PostgreSQL's errors with their code, and a failed statement does not stay broken", async () => {
    const divide = (by: number) => sql`select 1 / ${by}::int as quotient`;
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(adapted.execute(divide(0))).rejects.toMatchObject({
        cause: { message: "division by zero", code: "22012" },
      });
    }
    expect((await adapted.execute(divide(1))).rows).toEqual([{ quotient: 1 }]);
    const misspelt = sql`selec ${1}::int`;
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(adapted.execute(misspelt)).rejects.toMatchObject({ cause: { code: "42601" } });
    }
  });

  it("keeps a statement of its own out of an open transaction until it ends", async () => {
    await adapted.execute(sql`create table isolated (n int)`);
    const count = sql`select count(*)::int as n from isolated where n = ${1}`;
    await adapted.execute(count);
    let outside: Promise<{ rows: unknown[] }> | undefined;
    await adapted
      .transaction(async (tx) => {
        await tx.execute(sql`insert into isolated values (${1})`);
        // Drizzle sends a query once it is awaited or `then` is called: this sends it now.
        outside = adapted.execute(count).then((result) => result);
        // The worker takes messages in order: by the time this returns, the statement above has
        // run or is waiting. PGlite has one session: run now, it would see the uncommitted row.
        await tx.execute(sql`select ${1}::int`);
        tx.rollback();
      })
      .catch(() => {});
    expect((await outside!).rows).toEqual([{ n: 0 }]);
  });

  it("does the same inside a transaction", async () => {
    const expected = (await plain.execute(everyKind)).rows;
    expect(await adapted.transaction(async (tx) => (await tx.execute(everyKind)).rows)).toEqual(expected);
  });

  it("starts from a snapshot of another database", async () => {
    await adapted.execute(sql`create table from_snapshot (n int)`);
    await adapted.execute(sql`insert into from_snapshot values (${41})`);
    const copy = await startPgliteThread({ snapshot: (await thread.dump()) as Uint8Array<ArrayBuffer> });
    try {
      expect((await copy.query("select n + 1 as n from from_snapshot")).rows).toEqual([{ n: 42 }]);
    } finally {
      await copy.close();
    }
  });

  it("lets nothing of a rolled-back transaction in, even a statement still being prepared", async () => {
    await thread.query("create table rolled_back (n int)");
    for (let run = 0; run < 3; run++) {
      let late: Promise<unknown> | undefined;
      let dump: Promise<unknown> | undefined;
      await thread
        .transaction(async (tx) => {
          await tx.query("select 1");
          // Holds PGlite's query lock across turns of the worker's event loop while it compresses.
          dump = thread.dump();
          late = tx.query(`insert into rolled_back values ($1) /* text new in run ${run} */`, [run]);
          late.catch(() => {});
          throw new Error("the work failed");
        })
        .catch(() => {});
      await dump;
      await late?.catch(() => {});
      expect((await thread.query("select count(*)::int as n from rolled_back")).rows).toEqual([{ n: 0 }]);
    }
  });

  it("prepares a statement again once the schema has changed under it", async () => {
    await thread.query("create table reshaped (id int)");
    await thread.query("insert into reshaped values (1)");
    const read = () => thread.query("select * from reshaped where id = $1", [1]);
    expect((await read()).rows).toEqual([{ id: 1 }]);
    await thread.query("alter table reshaped add column label text default 'new'");
    expect((await read()).rows).toEqual([{ id: 1, label: "new" }]);
  });

  it("refuses a parameter that cannot reach the worker, and goes on working", async () => {
    await expect(thread.query("select $1::text as t", [() => "a function"])).rejects.toThrow(
      /could not be cloned/,
    );
    expect((await thread.query("select $1::text as t", ["fine"])).rows).toEqual([{ t: "fine" }]);
  });

  it("closes once however often it is asked, and refuses what comes after", async () => {
    const closing = await startPgliteThread({});
    const closes = [closing.close(), closing.close()];
    const after = closing.query("select $1::int as n", [1]).then(
      () => "answered",
      (error: Error) => error.message,
    );
    await Promise.all(closes);
    expect(await after).toMatch(/database is closed/);
  });

  it("lets a script end that forgot to close its database", async () => {
    const dir = await mkdtemp(join(tmpdir(), "cosell-forgotten-close-"));
    try {
      const script = join(dir, "forgets.mts");
      const threadModule = join(import.meta.dirname, "pglite-thread.ts");
      await writeFile(
        script,
        `import { startPgliteThread } from ${JSON.stringify(threadModule)};\n` +
          `const db = await startPgliteThread({});\n` +
          `console.log(JSON.stringify((await db.query("select $1::int + 1 as n", [1])).rows));\n`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", script], {
        timeout: 60_000,
      });
      expect(stdout.trim()).toBe('[{"n":2}]');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("fails to start, rather than on the first query, when its data directory can't be opened", async () => {
    await expect(startPgliteThread({ dataDir: "/dev/null/cosell" })).rejects.toMatchObject({
      code: "ENOTDIR",
    });
  });

  it("refuses queries once closed, saying why", async () => {
    const closing = await startPgliteThread({});
    await closing.close();
    await expect(closing.query("select 1")).rejects.toThrow(/database is closed/);
  });

  it("still rolls a failed transaction back, savepoints included", async () => {
    await adapted.execute(sql`create table kept (n int)`);
    await expect(
      adapted.transaction(async (tx) => {
        await tx.execute(sql`insert into kept values (1)`);
        await tx.transaction(async (inner) => inner.execute(sql`insert into kept values (2)`));
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toMatchObject({ cause: { message: "division by zero" } });
    await adapted.transaction(async (tx) => {
      await tx.execute(sql`insert into kept values (3)`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`insert into kept values (4)`);
          inner.rollback();
        })
        .catch(() => {});
    });
    expect((await adapted.execute(sql`select n from kept order by n`)).rows).toEqual([{ n: 3 }]);
  });
});
