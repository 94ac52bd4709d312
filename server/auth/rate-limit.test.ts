/**
 * The sign-in counters under attempts at once. On PostgreSQL (CI runs this file there too), the
 * counters' rows are locked by concurrent statements; on PGlite statements take turns anyway.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "../db/client";
import { useTestDatabase } from "../testing/database";
import { reserveAttempt, SIGN_IN_LIMITS, settleSuccessfulAttempt } from "./rate-limit";

const database = useTestDatabase();

/** The counters whose key contains `marker`: every test names its emails and addresses uniquely. */
async function countersOf(marker: string): Promise<Record<string, number>> {
  const found = await rows<{ key: string; failures: number }>(
    database.db,
    sql`select key, failures from sign_in_failures where strpos(key, ${marker}) > 0`,
  );
  return Object.fromEntries(found.map((row) => [row.key, row.failures]));
}

describe("sign-in counters", () => {
  it("take many attempts at once, refused and successful ones among them, without a database error", async () => {
    // Refused attempts give their count back while others take theirs: two statements locking the
    // same two rows in opposite orders deadlocked here, 19 times in 600 attempts.
    for (let round = 0; round < 5; round++) {
      const email = `${randomUUID()}@burst.test`;
      const ip = `burst-${randomUUID()}`;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 60 }, async (_, i) => {
          const refusal = await reserveAttempt(database.db, email, ip, new Date());
          if (!refusal && i % 7 === 0) await settleSuccessfulAttempt(database.db, email, ip);
          return refusal;
        }),
      );
      const failed = outcomes.filter((outcome) => outcome.status === "rejected");
      expect(failed).toEqual([]);
      const allowed = outcomes.filter((outcome) => outcome.status === "fulfilled" && !outcome.value);
      expect(allowed.length).toBeGreaterThanOrEqual(SIGN_IN_LIMITS.perAccount);
    }
  });

  it("add no row for a new email from a client that is over its limit", async () => {
    const marker = randomUUID();
    const ip = `blocked-${marker}`;
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) {
      expect(
        await reserveAttempt(database.db, `before-${i}-${marker}@limit.test`, ip, new Date()),
      ).toBeNull();
    }
    const before = await countersOf(marker);
    expect(Object.keys(before)).toHaveLength(SIGN_IN_LIMITS.perIp + 1);
    for (let i = 0; i < 200; i++) {
      const refusal = await reserveAttempt(database.db, `after-${i}-${marker}@limit.test`, ip, new Date());
      expect(refusal).toMatchObject({ limit: "ip", retryAfter: expect.any(Number) });
    }
    expect(await countersOf(marker)).toEqual(before);
  });

  it("delete a counter that a refused attempt brings back to zero", async () => {
    const marker = randomUUID();
    const email = `locked-${marker}@limit.test`;
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      await reserveAttempt(database.db, email, `first-${marker}`, new Date());
    }
    // A new address's first attempt is refused for the account: its count goes back to zero.
    expect(await reserveAttempt(database.db, email, `other-${marker}`, new Date())).toMatchObject({
      limit: "account",
    });
    expect(await countersOf(marker)).toEqual({
      [`account:${email}`]: SIGN_IN_LIMITS.perAccount,
      [`ip:first-${marker}`]: SIGN_IN_LIMITS.perAccount,
    });
  });

  it("delete counters whose window has passed when an attempt is let through", async () => {
    const marker = randomUUID();
    const longAgo = new Date(Date.now() - (SIGN_IN_LIMITS.windowMinutes + 1) * 60_000);
    for (let i = 0; i < 3; i++) {
      await reserveAttempt(database.db, `stale-${i}-${marker}@limit.test`, `stale-${marker}`, longAgo);
    }
    expect(Object.keys(await countersOf(marker))).toHaveLength(4);
    expect(
      await reserveAttempt(database.db, `now-${marker}@limit.test`, `now-${marker}`, new Date()),
    ).toBeNull();
    expect(await countersOf(marker)).toEqual({
      [`account:now-${marker}@limit.test`]: 1,
      [`ip:now-${marker}`]: 1,
    });
  });
});
