/**
 * The prepared-statement runner of the PGlite worker (./pglite-statements), run here on a PGlite
 * in this thread, where a test can reach PGlite's parsers. Runs on PGlite whatever DATABASE_URL says.
 */
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preparedStatements, type Statements } from "./pglite-statements";

describe("prepared statements on PGlite", () => {
  let pglite: PGlite;
  let statements: Statements;
  beforeAll(async () => {
    pglite = await PGlite.create();
    statements = preparedStatements(pglite);
  });
  afterAll(async () => {
    await pglite.close();
  });

  it("reports an error met while reading the rows, and PGlite goes on answering", async () => {
    const int4 = pglite.parsers[23]!;
    // Stands for anything that throws while rows are read: a parser, a bug, memory running out.
    pglite.parsers[23] = (text, type) => {
      if (text === "3") throw new Error("cannot read 3");
      return int4(text, type);
    };
    try {
      await expect(
        statements.query("select n from generate_series(1, $1::int) as n", [5], "object"),
      ).rejects.toThrow("cannot read 3");
    } finally {
      pglite.parsers[23] = int4;
    }
    expect((await statements.query("select $1::text as t", ["still answering"], "object")).rows).toEqual([
      { t: "still answering" },
    ]);
    expect((await pglite.query("select 1 as n")).rows).toEqual([{ n: 1 }]);
  });
});
