/**
 * Opens the database: embedded PGlite (data in DATA_DIR) by default, PostgreSQL when DATABASE_URL
 * is set. Both run the same migrations and give the same Drizzle API.
 */
import { mkdirSync } from "node:fs";
import type { Socket } from "node:net";
import { join } from "node:path";
import { type sql, sql as sqlTag } from "drizzle-orm";
import { drizzle as drizzlePg, NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgDialect, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock";
import { DatabaseUnavailableError } from "./errors";
import type { PgliteThreadOptions } from "./pglite-protocol";
import { asDrizzleClient, type PgliteThread, startPgliteThread } from "./pglite-thread";
import { PreparingClient } from "./preparing-client";
import * as schema from "./schema";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything queries can run on: the database itself or a transaction. */
export type Queryable = Db | Tx;

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /**
   * Runs `work` in a transaction that begins with `setup`: one statement without parameters. On
   * PostgreSQL, BEGIN and the setup go out together with the work's first query, so they cost no
   * round trip of their own. Should either fail, the transaction is rolled back, nothing the work
   * read is returned, and the error is theirs.
   */
  transaction<T>(setup: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * PGlite only: its data directory, gzipped. Tests migrate one database and start each file's
   * from this copy (`{ pglite: { snapshot } }`), which takes a fraction of migrating again.
   */
  snapshot?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

const MIGRATIONS = join(import.meta.dirname, "migrations");
/** Serialises migrations when several API processes start together on one PostgreSQL. */
const MIGRATION_LOCK = 7313000;

export type DatabaseTarget =
  | { databaseUrl: string }
  | { dataDir: string }
  | { pglite: PgliteThreadOptions }
  | { memory: true };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ("databaseUrl" in target) return openPostgres(target.databaseUrl);
  const options = "pglite" in target ? target.pglite : "dataDir" in target ? { dataDir: target.dataDir } : {};
  const unlock = options.dataDir ? prepareDataDir(options.dataDir) : () => {};
  let thread: PgliteThread;
  try {
    thread = await startPgliteThread(options);
  } catch (error) {
    unlock();
    if (!options.dataDir) throw error;
    const detail = describeError(error);
    throw new DatabaseUnavailableError(
      `Cannot open the embedded database in DATA_DIR ${options.dataDir}${detail ? ` (${detail})` : ""}: ` +
        "check that this process may read and write it, or set DATA_DIR to another folder.",
      { cause: error },
    );
  }
  try {
    const db = drizzlePglite(asDrizzleClient(thread), { schema }) as unknown as Db;
    await migratePglite(db as never, { migrationsFolder: MIGRATIONS });
    return {
      db,
      kind: "pglite",
      // A message to the worker costs far less than a statement: no need to send the setup along.
      transaction: (setup, work) =>
        db.transaction(async (tx) => {
          await tx.execute(sqlTag.raw(setup));
          return work(tx);
        }),
      snapshot: () => thread.dump(),
      close: () => thread.close().finally(unlock),
    };
  } catch (error) {
    await thread.close().finally(unlock);
    throw error;
  }
}

/** Creates the data directory if need be and takes its lock; returns the lock's release. */
function prepareDataDir(dataDir: string): () => void {
  try {
    mkdirSync(dataDir, { recursive: true });
    return lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "EEXIST" || code === "ENOTDIR" ? "it is a file, not a folder" : String(error);
    throw new DatabaseUnavailableError(
      `Cannot use DATA_DIR ${dataDir} for the embedded database: ${why}. Set DATA_DIR to a folder this process may write to.`,
      { cause: error },
    );
  }
}

/** What an error says, if anything: PGlite's file-system errors reach this thread without a message. */
function describeError(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  return message && message !== "[object Object]" ? message : undefined;
}

async function openPostgres(url: string): Promise<Database> {
  // Pipeline mode sends a query without waiting for the answer to the one before (see transaction).
  const pool = new pg.Pool({ connectionString: url, max: 10, Client: PreparingClient, pipeline: true });
  const lockClient = await pool.connect().catch(async (error: Error) => {
    await pool.end();
    throw new DatabaseUnavailableError(
      `Cannot connect to the PostgreSQL database of DATABASE_URL (${whereOf(url)}): ${error.message}. ` +
        "Check that the database server runs and accepts this user, and that the URL is right.",
      { cause: error },
    );
  });
  try {
    await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    await migratePg(db as never, { migrationsFolder: MIGRATIONS });
    return { db, kind: "postgres", transaction: pipelinedTransaction(pool, db), close: () => pool.end() };
  } catch (error) {
    lockClient.release();
    await pool.end();
    throw error;
  } finally {
    await lockClient.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    lockClient.release();
  }
}

/** The host, port and database of a connection URL, without its user name or password. */
function whereOf(url: string): string {
  const { hostname, port, pathname } = new URL(url);
  return `${hostname || "localhost"}:${port || 5432}${pathname}`;
}

/** Rows of a raw SQL query, on either driver. */
export async function rows<T>(q: Queryable, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await q.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Drizzle's own transaction waits for BEGIN before it runs anything else. This one holds BEGIN and
 * the setup back until the work's first query and writes all three to the connection at once, in
 * pipeline mode, so the setup costs no round trip of its own; work that runs no query opens no
 * transaction at all. Drizzle's session and transaction classes are used as drizzle's own
 * transaction uses them, so the work sees an ordinary transaction.
 */
function pipelinedTransaction(pool: pg.Pool, db: Db): Database["transaction"] {
  const root = db as unknown as { dialect: PgDialect; session: NodePgSession<never, never> };
  const { dialect } = root;
  const { schema, options } = root.session as unknown as {
    schema: ConstructorParameters<typeof NodePgSession>[2];
    options: ConstructorParameters<typeof NodePgSession>[3];
  };
  return async (setup, work) => {
    const client = await pool.connect();
    const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
    let opened: Promise<unknown> | undefined;
    const query = (...args: unknown[]): unknown => {
      if (opened) return (client.query as (...args: unknown[]) => unknown)(...args);
      // Corked, the three statements leave in one write.
      socket.cork();
      try {
        opened = client.query(`begin; ${setup}`);
        // Read once the work is done; until then nothing may be left unhandled.
        opened.catch(() => {});
        return (client.query as (...args: unknown[]) => unknown)(...args);
      } finally {
        socket.uncork();
      }
    };
    const session = new NodePgSession({ query } as unknown as pg.PoolClient, dialect, schema, options);
    const tx = new NodePgTransaction(dialect, session, schema) as unknown as Tx;
    let broken: Error | undefined;
    try {
      const result = await work(tx);
      if (opened) {
        await opened;
        await client.query("commit");
      }
      return result;
    } catch (error) {
      if (!opened) throw error;
      await client.query("rollback").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      // A failed setup makes every later statement fail too; its own error says why.
      throw await opened.then(
        () => error,
        (setupError: unknown) => setupError,
      );
    } finally {
      client.release(broken);
    }
  };
}
