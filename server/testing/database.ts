/**
 * The database for a server test file: PostgreSQL when DATABASE_URL is set, otherwise a PGlite
 * loaded from the run's migrated snapshot. Tests share it and isolate themselves by creating their
 * own organisations (see server/testing/fixtures.ts).
 */
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { readConfig } from "../config";
import { type Database, openDatabase } from "../db/client";

export async function openTestDatabase(): Promise<Database> {
  const config = readConfig();
  if (config.DATABASE_URL) return openDatabase({ databaseUrl: config.DATABASE_URL });
  const snapshot = await readFile(inject("pgliteSnapshot"));
  const pglite = new PGlite({ loadDataDir: new Blob([snapshot]) });
  return openDatabase({ pglite });
}
