/**
 * The sync feed's epoch (`sync_epoch`, migration 0022). A restored backup puts the feed back at an
 * earlier position, and its next changes take the numbers the lost ones had: an extension whose
 * cursor is past that position would skip them, and keep overlaps the restored database no longer
 * has. Moving the epoch on makes every cursor issued before it a 400, on which each extension
 * starts over with a full sync (server/sync/feed-cursor.ts).
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { syncEpoch } from "../db/schema";

/** Moves the feed to its next epoch and returns it. */
export async function startNewSyncEpoch(db: Db): Promise<number> {
  const [row] = await db
    .update(syncEpoch)
    .set({ epoch: sql`${syncEpoch.epoch} + 1` })
    .returning({ epoch: syncEpoch.epoch });
  if (!row) throw new Error("The database has no sync epoch row: were its migrations run?");
  return row.epoch;
}
