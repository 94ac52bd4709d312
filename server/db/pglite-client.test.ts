/**
 * The client Drizzle gets on PGlite (./pglite-client) must give the same rows as Drizzle on PGlite
 * itself, which passes its parsers with each query. Runs on PGlite whatever DATABASE_URL says.
 */
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drizzleClient } from "./pglite-client";

describe("Drizzle on PGlite without per-query parsers", () => {
  let pglite: PGlite;
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
    pglite = await PGlite.create();
    adapted = drizzle(drizzleClient(pglite));
    plain = drizzle(await PGlite.create());
  });
  afterAll(async () => {
    await pglite.close();
    await plain.$client.close();
  });

  it("returns what Drizzle on PGlite returns, dates and timestamps as text", async () => {
    const expected = (await plain.execute(everyKind)).rows;
    expect(expected[0]).toMatchObject({ at: "2026-11-24 10:00:00+00", day: "2026-11-24", count: 42 });
    expect((await adapted.execute(everyKind)).rows).toEqual(expected);
  });

  it("does the same inside a transaction", async () => {
    const expected = (await plain.execute(everyKind)).rows;
    expect(await adapted.transaction(async (tx) => (await tx.execute(everyKind)).rows)).toEqual(expected);
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
