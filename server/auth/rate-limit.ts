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

/** Seconds until the caller may try again, or 0 when no limit is reached. */
export async function retryAfterSeconds(db: Db, email: string, ip: string, now: Date): Promise<number> {
  const keys = failureKeys(email, ip);
  const found = await rows<{ key: string; failures: number; window_start: string | Date }>(
    db,
    sql`select key, failures, window_start from sign_in_failures where key in (${sql.join(
      keys.map((k) => sql`${k.key}`),
      sql`, `,
    )})`,
  );
  let wait = 0;
  for (const row of found) {
    const limit = keys.find((k) => k.key === row.key)?.limit ?? Number.POSITIVE_INFINITY;
    const windowEnd = new Date(row.window_start).getTime() + SIGN_IN_LIMITS.windowMinutes * 60_000;
    if (row.failures >= limit && windowEnd > now.getTime()) {
      wait = Math.max(wait, Math.ceil((windowEnd - now.getTime()) / 1000));
    }
  }
  return wait;
}

export async function recordFailure(db: Db, email: string, ip: string, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  for (const { key } of failureKeys(email, ip)) {
    // A counter whose window has passed starts again at one.
    await db.execute(sql`
      insert into sign_in_failures (key, window_start, failures) values (${key}, ${now.toISOString()}, 1)
      on conflict (key) do update set
        failures = case when sign_in_failures.window_start < ${windowStart.toISOString()} then 1 else sign_in_failures.failures + 1 end,
        window_start = case when sign_in_failures.window_start < ${windowStart.toISOString()} then excluded.window_start else sign_in_failures.window_start end`);
  }
}

export async function clearAccountFailures(db: Db, email: string): Promise<void> {
  await db.execute(sql`delete from sign_in_failures where key = ${`account:${email}`}`);
}
