/**
 * Failed sign-in limits, per account and per client IP. Counters live in the database so that
 * every API process behind a load balancer enforces the same limit.
 */
import { sql } from "drizzle-orm";
import { type Db, rows } from "../db/client";

export const SIGN_IN_LIMITS = { perAccount: 5, perIp: 30, windowMinutes: 15 };

export function failureKeys(email: string, ip: string): { key: string; limit: number }[] {
  return [
    { key: `account:${email}`, limit: SIGN_IN_LIMITS.perAccount },
    { key: `ip:${ip}`, limit: SIGN_IN_LIMITS.perIp },
  ];
}

/**
 * Counts a sign-in attempt against the account and the client IP before the password is checked,
 * and returns the seconds until the caller may try again, or 0 when this attempt may go ahead.
 * Counting first, in one statement, is what holds the limit against attempts sent in parallel:
 * each sees the count that includes every attempt before it, so only the first few pass, however
 * many arrive while a password check (tens of milliseconds) is under way. So only failures stay
 * counted: an attempt refused here gives its count back at once, and one that succeeds through
 * `settleSuccessfulAttempt`.
 */
export async function reserveAttempt(db: Db, email: string, ip: string, now: Date): Promise<number> {
  const keys = failureKeys(email, ip);
  const windowStart = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000).toISOString();
  // A counter whose window has passed starts again at one.
  const counted = await rows<{ key: string; failures: number; window_start: string | Date }>(
    db,
    sql`insert into sign_in_failures (key, window_start, failures)
        select key, ${now.toISOString()}, 1 from unnest(${sql.param(keys.map((k) => k.key))}::text[]) as key
        order by key
        on conflict (key) do update set
          failures = case when sign_in_failures.window_start < ${windowStart} then 1 else sign_in_failures.failures + 1 end,
          window_start = case when sign_in_failures.window_start < ${windowStart} then excluded.window_start else sign_in_failures.window_start end
        returning key, failures, window_start`,
  );
  let wait = 0;
  for (const row of counted) {
    const limit = keys.find((k) => k.key === row.key)?.limit ?? Number.POSITIVE_INFINITY;
    const windowEnd = new Date(row.window_start).getTime() + SIGN_IN_LIMITS.windowMinutes * 60_000;
    if (row.failures > limit) wait = Math.max(wait, Math.ceil((windowEnd - now.getTime()) / 1000));
  }
  if (wait > 0)
    await giveBack(
      db,
      keys.map((k) => k.key),
    );
  return wait;
}

/** A successful sign-in clears its account's count and gives back what it added to its IP's. */
export async function settleSuccessfulAttempt(db: Db, email: string, ip: string): Promise<void> {
  const [account, client] = failureKeys(email, ip);
  await db.execute(sql`delete from sign_in_failures where key = ${account!.key}`);
  await giveBack(db, [client!.key]);
}

/**
 * One statement per counter: a statement that held one counter's row while it waited for another's
 * could deadlock with a `reserveAttempt` of the same two counters, which PostgreSQL ends with an
 * error (seen with twenty attempts at once).
 */
async function giveBack(db: Db, keys: readonly string[]): Promise<void> {
  for (const key of keys) {
    await db.execute(
      sql`update sign_in_failures set failures = failures - 1 where key = ${key} and failures > 0`,
    );
  }
}
