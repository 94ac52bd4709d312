/**
 * What every CLI command shares: the database the server uses (DATA_DIR or DATABASE_URL, read by
 * readConfig), and one way to fail: a clear message on stderr and exit code 1.
 */
import { InvalidArgumentError } from "commander";
import { AdminError } from "../admin/organisations";
import { ConfigError, readConfig } from "../config";
import { type Db, openDatabase } from "../db/client";
import { DatabaseUnavailableError } from "../db/errors";
import { AccountsCsvError } from "../import/errors";
import { ColumnMapError } from "../mapping/column-map";
import { ImportSupersededError } from "../mapping/import";
import { RelationshipValuesError } from "../mapping/relationship-values";

/** Bad input the user can fix: shown as a one-line message, without a stack trace. */
export class CliError extends Error {}

const EXPECTED_ERRORS = [
  CliError,
  AdminError,
  ConfigError,
  DatabaseUnavailableError,
  AccountsCsvError,
  ColumnMapError,
  RelationshipValuesError,
  ImportSupersededError,
];

export async function withDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = readConfig();
  const database = await openDatabase(
    config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: config.DATA_DIR },
  );
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** Why the file could not be read, in words, from the system's error code. */
const READ_FAILURES: Record<string, string> = {
  ENOENT: "no such file",
  ENOTDIR: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is not a file",
  EIO: "input/output error",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  EMFILE: "too many files open",
};

export function cannotRead(file: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined) return error as Error;
  return new CliError(`Cannot read ${file}: ${READ_FAILURES[code] ?? `system error ${code}`}.`);
}

/** Wraps a command's action so that failures end the process with a message and exit code 1. */
export function action<Args extends unknown[]>(run: (...args: Args) => Promise<void>) {
  return async (...args: Args) => {
    try {
      await run(...args);
    } catch (error) {
      const expected = EXPECTED_ERRORS.some((kind) => error instanceof kind);
      console.error(expected ? `Error: ${(error as Error).message}` : error);
      process.exitCode = 1;
    }
  };
}

/**
 * Parses a comma-separated option whose items must all be among `allowed`. A repeated option adds
 * to the list: `--share customer --share prospect` used to keep only the last one, silently.
 */
export function listOf<T extends string>(what: string, allowed: readonly T[]) {
  return (value: string, previous: T[] = []): T[] => {
    const items = value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean);
    for (const item of items) {
      if (!allowed.includes(item as T)) {
        throw new InvalidArgumentError(`Unknown ${what} "${item}": use ${allowed.join(", ")}.`);
      }
    }
    return [...new Set([...previous, ...(items as T[])])];
  };
}
