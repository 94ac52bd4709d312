/**
 * Writers that must take turns: each holds a PostgreSQL advisory lock named by a key until its
 * transaction ends. Shared holders go on side by side, and only wait for (and hold off) an
 * exclusive one.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "./client";

export async function holdLock(
  tx: Tx,
  key: string,
  mode: "exclusive" | "shared" = "exclusive",
): Promise<void> {
  await tx.execute(
    mode === "shared"
      ? sql`select pg_advisory_xact_lock_shared(hashtext(${key}))`
      : sql`select pg_advisory_xact_lock(hashtext(${key}))`,
  );
}
