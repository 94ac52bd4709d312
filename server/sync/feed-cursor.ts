/**
 * The sync cursor: a feed position bound to the user it was issued to and to the feed's epoch.
 * Positions are `changes.seq` values from a database sequence, so a cursor outlives the process
 * that issued it and works on any API process.
 * - Binding it to the user catches a browser that signed in as someone else but kept the old
 *   cursor: it would otherwise skip that user's earlier changes.
 * - Binding it to the epoch catches a restored backup: the feed is back at an earlier position and
 *   numbers its next changes as the lost ones were, so a cursor from before the restore would skip
 *   them. `npm run cli -- sync reset` moves the epoch on (migration 0022).
 * Either way the cursor gets a 400, on which the extension starts over with a full sync.
 */
import * as z from "zod";
import { decodeCursor, encodeCursor, invalidCursor } from "./cursor";
import type { FeedPosition } from "./feed";

const SyncCursor = z
  .object({
    v: z.literal(1),
    u: z.string(),
    s: z.number().int().min(0),
    a: z.string().uuid().optional(),
    // Left out by cursors issued before epochs existed, which were all in the first one.
    e: z.number().int().min(0).default(0),
  })
  .strict();

/** Who a cursor is for: the user it is issued to, in the feed's current epoch. */
export interface CursorOwner {
  userId: string;
  feedEpoch: number;
}

export function encodeFeedCursor(position: FeedPosition, owner: CursorOwner): string {
  return encodeCursor({
    v: 1,
    u: owner.userId,
    s: position.seq,
    a: position.afterOverlap,
    e: owner.feedEpoch,
  });
}

export function decodeFeedCursor(text: string, owner: CursorOwner): FeedPosition {
  const cursor = decodeCursor(text, SyncCursor);
  if (cursor.u !== owner.userId) {
    throw invalidCursor("This cursor was issued to another user: omit it to start a full sync.");
  }
  if (cursor.e !== owner.feedEpoch) {
    throw invalidCursor(
      "The server's sync feed has started over since this cursor was issued (a backup was restored): omit it to start a full sync.",
    );
  }
  return cursor.a === undefined ? { seq: cursor.s } : { seq: cursor.s, afterOverlap: cursor.a };
}
