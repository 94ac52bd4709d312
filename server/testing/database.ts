/**
 * The database for a server test file: PostgreSQL when DATABASE_URL is set, otherwise a PGlite
 * loaded from the run's migrated snapshot. Tests share it and isolate themselves by creating their
 * own organisations (see server/testing/fixtures.ts).
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
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

/** A database of a test's own; see `ownDatabase`. */
export interface OwnDatabase {
  /** Opens it; the caller closes it. PGlite allows one user at a time: close before opening again. */
  open(): Promise<Database>;
  /** The environment a child process (the CLI) needs to open it. */
  env: Record<string, string>;
  /** Deletes it; close it first. */
  dispose(): Promise<void>;
}

/**
 * A database of the test's own, that it may close and open again as a restarted server would, or
 * hand to a CLI command in between: a PostgreSQL database created for it next to the run's, or a
 * PGlite data directory seeded from the run's snapshot. For tests that change what a whole
 * database shares (fixed slugs, the sync feed's epoch), which the other files running at the same
 * time on the run's PostgreSQL database would otherwise trip over.
 */
export async function ownDatabase(name: string): Promise<OwnDatabase> {
  const postgresUrl = readConfig().DATABASE_URL;
  if (postgresUrl) {
    const databaseName = `${name}_${randomUUID().slice(0, 8)}`;
    await onPostgres(postgresUrl, `create database ${databaseName}`);
    const url = new URL(postgresUrl);
    url.pathname = `/${databaseName}`;
    return {
      open: () => openDatabase({ databaseUrl: url.toString() }),
      env: { DATABASE_URL: url.toString() },
      dispose: () => onPostgres(postgresUrl, `drop database if exists ${databaseName} with (force)`),
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), `cosell-${name}-`));
  const snapshot = await readFile(inject("pgliteSnapshot"));
  let seeded = false;
  return {
    open() {
      if (seeded) return openDatabase({ dataDir });
      seeded = true;
      return openDatabase({ pglite: { dataDir, snapshot } });
    },
    env: { DATA_DIR: dataDir },
    dispose: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function onPostgres(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
