/**
 * The database for a server test file: PostgreSQL when DATABASE_URL is set, otherwise a PGlite
 * loaded from the run's migrated snapshot. Tests share it and isolate themselves by creating their
 * own organisations (see server/testing/fixtures.ts).
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, inject } from "vitest";
import { readConfig } from "../config";
import { type Database, openDatabase } from "../db/client";

/**
 * Opens the test database before a file's tests (or a `describe` block's) and closes it after
 * them. Every server test file shares the run's database in the same way, so they register the
 * same hooks through this one helper instead of repeating them.
 *
 * Returns a stand-in for that database, usable wherever a `Database` is: read `db` or `kind` in
 * hooks and tests, not while the file is being collected. It is closed here, so closing it
 * yourself is refused. Hooks run in the order they were registered and `afterAll` hooks in
 * reverse, so a `beforeAll` registered after this call finds the database open and an `afterAll`
 * registered after it runs before the database closes.
 */
export function useTestDatabase(): Database {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    // Undefined if opening it failed; that failure is the one to report.
    await database?.close();
    database = undefined;
  });
  const open = (): Database => {
    if (database) return database;
    throw new Error("The test database is open only in hooks and tests, after useTestDatabase() has run");
  };
  return {
    get db() {
      return open().db;
    },
    get kind() {
      return open().kind;
    },
    transaction: (setup, work) => open().transaction(setup, work),
    close: () => Promise.reject(new Error("useTestDatabase() closes the test database after the tests")),
  };
}

/** Opens the test database; the caller closes it. For files that need it while being collected. */
export async function openTestDatabase(): Promise<Database> {
  const config = readConfig();
  if (config.DATABASE_URL) return openDatabase({ databaseUrl: config.DATABASE_URL });
  const snapshot = await readFile(inject("pgliteSnapshot"));
  return openDatabase({ pglite: { snapshot } });
}
