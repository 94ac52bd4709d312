/**
 * The sign-in counters under attempts at once. On PostgreSQL (CI runs this file there too), the
 * counters' rows are locked by concurrent statements; on PGlite statements take turns anyway.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/database";
import { reserveAttempt, SIGN_IN_LIMITS, settleSuccessfulAttempt } from "./rate-limit";

const database = useTestDatabase();

describe("sign-in counters", () => {
  it("take many attempts at once, refused and successful ones among them, without a database error", async () => {
    // Refused attempts give their count back while others take theirs: two statements locking the
    // same two rows in opposite orders deadlocked here, 19 times in 600 attempts.
    for (let round = 0; round < 5; round++) {
      const email = `${randomUUID()}@burst.test`;
      const ip = `burst-${randomUUID()}`;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 60 }, async (_, i) => {
          const wait = await reserveAttempt(database.db, email, ip, new Date());
          if (wait === 0 && i % 7 === 0) await settleSuccessfulAttempt(database.db, email, ip);
          return wait;
        }),
      );
      const failed = outcomes.filter((outcome) => outcome.status === "rejected");
      expect(failed).toEqual([]);
      const allowed = outcomes.filter((outcome) => outcome.status === "fulfilled" && outcome.value === 0);
      expect(allowed.length).toBeGreaterThanOrEqual(SIGN_IN_LIMITS.perAccount);
    }
  });
});
