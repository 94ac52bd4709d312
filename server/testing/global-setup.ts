/**
 * Prepares one migrated database for the whole server test run. On PGlite it builds the database
 * once and saves a snapshot that each test file loads in about half a second (creating one takes
 * several seconds). On PostgreSQL (DATABASE_URL) it resets the schema so each run starts clean.
 */
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { readConfig } from "../config";
import { openDatabase } from "../db/client";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const config = readConfig();
  if (config.DATABASE_URL) {
    const client = new pg.Client({ connectionString: config.DATABASE_URL });
    await client.connect();
    await client.query(
      "drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;",
    );
    await client.end();
    const database = await openDatabase({ databaseUrl: config.DATABASE_URL });
    await database.close();
    project.provide("pgliteSnapshot", "");
    return;
  }
  const database = await openDatabase({ memory: true });
  const snapshot = join(tmpdir(), `cosell-test-db-${process.pid}.tar.gz`);
  await writeFile(snapshot, await database.snapshot!());
  await database.close();
  project.provide("pgliteSnapshot", snapshot);
}
