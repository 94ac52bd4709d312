/**
 * Failed sign-in limits, per account and per client IP. Counters live in the database so that
 * every API process behind a load balancer enforces the same limit.
 */
import { type SQL, sql } from "drizzle-orm";
import { type Db, rows } from "../db/client";
import { limitedAddress } from "./client-address";

export const SIGN_IN_LIMITS = { perAccount: 5, perIp: 30, windowMinutes: 15 };

/** Expired rows one allowed attempt deletes at most, so that cleaning up never makes it slow. */
const PURGE_BATCH = 100;

/** Why an attempt was refused, and the seconds until the caller may try again. */
export interface Refusal {
  limit: "account" | "ip";
  retryAfter: number;
}

const accountKey = (email: string) => `account:${email}`;
const ipKey = (ip: string) => `ip:${limitedAddress(ip)}`;
/** Marks that an account's refusals are already in the audit log for the current window. */
const refusedKey = (email: string) => `refused:${email}`;

const windowStartBefore = (now: Date) =>
  new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000).toISOString();

/** Adds one to a counter; a counter whose window has passed starts again at one. */
function count(now: Date): SQL {
  const expired = sql`sign_in_failures.window_start < ${windowStartBefore(now)}`;
  return sql`on conflict (key) do update set
      failures = case when ${expired} then 1 else sign_in_failures.failures + 1 end,
      window_start = case when ${expired} then excluded.window_start else sign_in_failures.window_start end
    returning key, failures, window_start`;
}

/**
 * Counts a sign-in attempt against the client IP and the account before the password is checked,
 * and returns why the caller must wait, or null when this attempt may go ahead.
 * Counting first, in one statement, is what holds the limit against attempts sent in parallel:
 * each sees the count that includes every attempt before it, so only the first few pass, however
 * many arrive while a password check (tens of milliseconds) is under way. So only failures stay
 * counted: an attempt refused here gives its count back at once, and one that succeeds through
 * `settleSuccessfulAttempt`.
 *
 * The account is counted only when the IP is within its limit: a blocked client sending a new
 * email with every request would otherwise add a row per request. The statement locks the IP's
 * row before the account's, and no statement locks them the other way round, so attempts at once
 * cannot deadlock.
 */
export async function reserveAttempt(db: Db, email: string, ip: string, now: Date): Promise<Refusal | null> {
  const at = now.toISOString();
  const counted = await rows<{ key: string; failures: number; window_start: string | Date }>(
    db,
    sql`with ip as (
          insert into sign_in_failures (key, window_start, failures) values (${ipKey(ip)}, ${at}, 1)
          ${count(now)}
        ), account as (
          insert into sign_in_failures (key, window_start, failures)
          select ${accountKey(email)}, ${at}, 1 from ip where ip.failures <= ${SIGN_IN_LIMITS.perIp}
          ${count(now)}
        )
        select * from ip union all select * from account`,
  );
  let refusal: Refusal | null = null;
  for (const row of counted) {
    const limit = row.key === ipKey(ip) ? "ip" : "account";
    if (row.failures <= (limit === "ip" ? SIGN_IN_LIMITS.perIp : SIGN_IN_LIMITS.perAccount)) continue;
    const windowEnd = new Date(row.window_start).getTime() + SIGN_IN_LIMITS.windowMinutes * 60_000;
    const retryAfter = Math.ceil((windowEnd - now.getTime()) / 1000);
    if (!refusal || retryAfter > refusal.retryAfter) refusal = { limit, retryAfter };
  }
  if (refusal) {
    for (const row of counted) await giveBack(db, row.key);
    return refusal;
  }
  // Only here, where a password check follows anyway: a blocked client, however fast it sends,
  // makes no statement scan the table.
  await purgeExpired(db, now);
  return null;
}

/** A successful sign-in clears its account's count and gives back what it added to its IP's. */
export async function settleSuccessfulAttempt(db: Db, email: string, ip: string): Promise<void> {
  await db.execute(sql`delete from sign_in_failures where key = ${accountKey(email)}`);
  await giveBack(db, ipKey(ip));
}

/**
 * Records a refused attempt on a user's account in the audit log (issue 3: sign-ins are audited),
 * or an admin would see the account's first failures and nothing of the thousands of attempts
 * refused after them. Only the first refusal of each window is recorded, so that an attacker
 * cannot flood the log: a marker row opens the window, and the entry is written by the statement
 * that opens it, exactly once however many refused attempts arrive together. An email that is no
 * one's writes nothing, so a blocked client trying new emails adds no rows; it runs the same one
 * statement as a user's, so the time a refusal takes says little about which emails have accounts.
 */
export async function auditRefusal(
  db: Db,
  email: string,
  ip: string,
  refusal: Refusal,
  now: Date,
): Promise<void> {
  const details = { ip, limit: refusal.limit, retryAfter: refusal.retryAfter };
  await db.execute(
    sql`with known as (
          select id, org_id from users where lower(email) = ${email.toLowerCase()}
        ), opened as (
          insert into sign_in_failures (key, window_start, failures)
          select ${refusedKey(email)}, ${now.toISOString()}, 1 from known
          on conflict (key) do update set window_start = excluded.window_start
            where sign_in_failures.window_start < ${windowStartBefore(now)}
          returning key
        )
        insert into audit_log (org_id, actor_user_id, action, details)
        select known.org_id, known.id, 'auth.sign_in_refused', ${JSON.stringify(details)}::jsonb
        from known, opened`,
  );
}

/**
 * One statement per counter: a statement that held one counter's row while it waited for another's
 * could deadlock with a `reserveAttempt` of the same two counters, which PostgreSQL ends with an
 * error (seen with twenty attempts at once). A counter back at zero is deleted, or every address
 * and email ever tried would keep a row; the delete checks the count again, as an attempt may have
 * counted itself in between.
 */
async function giveBack(db: Db, key: string): Promise<void> {
  const [left] = await rows<{ failures: number }>(
    db,
    sql`update sign_in_failures set failures = failures - 1 where key = ${key} and failures > 0 returning failures`,
  );
  if (left?.failures === 0)
    await db.execute(sql`delete from sign_in_failures where key = ${key} and failures = 0`);
}

/**
 * Deletes rows whose window has passed: an expired row counts the same as no row, and keys that
 * are never tried again would otherwise stay forever. SKIP LOCKED leaves rows that attempts are
 * counting on to them, so this statement never waits for a lock and cannot join a deadlock.
 * There is no index on window_start: the scan covers only the counters of the last window, and
 * 50,000 of them (some 1,600 addresses at their limit) take a few milliseconds on PostgreSQL, a
 * fraction of the password check that follows.
 */
async function purgeExpired(db: Db, now: Date): Promise<void> {
  await db.execute(
    sql`delete from sign_in_failures where key in (
          select key from sign_in_failures where window_start < ${windowStartBefore(now)}
          limit ${PURGE_BATCH} for update skip locked)`,
  );
}
