/**
 * A database whose statements a test can hold or refuse, in every transaction and savepoint: for
 * what happens when two writers meet halfway, or when the database fails at a given statement.
 */
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { type Db, rows } from "../db/client";

const dialect = new PgDialect();

/** Runs the statement, or does something else first or instead. */
export type Interception = (
  statement: { text: string; params: unknown[] },
  run: () => Promise<unknown>,
) => Promise<unknown>;

export function interceptedDb(db: Db, intercept: Interception): Db {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(inner, property) {
        const value = Reflect.get(inner, property, inner) as (...args: unknown[]) => unknown;
        if (property === "transaction") {
          return (work: (tx: object) => Promise<unknown>) =>
            value.call(inner, (tx: object) => work(wrap(tx)));
        }
        if (property !== "execute") return value;
        return (query: SQL) => {
          const { sql: text, params } = dialect.sqlToQuery(query);
          return intercept({ text, params }, () => value.call(inner, query) as Promise<unknown>);
        };
      },
    });
  return wrap(db);
}

/**
 * `db`, stopped just before it runs the `nth` statement containing `marker`, until `resume` is
 * called; `atPause` resolves once it got there.
 */
export function pausedBefore(db: Db, marker: string, nth = 1) {
  let reached!: () => void;
  let resume!: () => void;
  const atPause = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const resumed = new Promise<void>((resolve) => {
    resume = resolve;
  });
  let seen = 0;
  const paused = interceptedDb(db, async ({ text }, run) => {
    if (text.includes(marker) && ++seen === nth) {
      reached();
      await resumed;
    }
    return run();
  });
  return { db: paused, atPause, resume };
}

/** What stopped a writer: the database's own error, not the failed query's text around it. */
export const failureOf = (reason: unknown) => String((reason as Error).cause ?? reason);

/**
 * Lets `other` go as far as it can while `paused` holds its transaction: until it ends, or waits
 * for a lock (a deadlock needs both writers waiting), then resumes the paused one. Returns how each
 * ended, the paused one's first: "ok" or the database's error. PostgreSQL only.
 */
export async function outcomesAround(
  db: Db,
  paused: { run: Promise<unknown>; resume(): void },
  other: Promise<unknown>,
): Promise<string[]> {
  let ended = false;
  other.then(
    () => (ended = true),
    () => (ended = true),
  );
  while (!ended && !(await someoneWaitsForALock(db))) await new Promise((resolve) => setTimeout(resolve, 10));
  paused.resume();
  const outcomes = await Promise.allSettled([paused.run, other]);
  return outcomes.map((outcome) => (outcome.status === "rejected" ? failureOf(outcome.reason) : "ok"));
}

async function someoneWaitsForALock(db: Db): Promise<boolean> {
  const [waiting] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`,
  );
  return waiting!.n > 0;
}
