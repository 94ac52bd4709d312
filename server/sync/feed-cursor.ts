/**
 * The sync cursor: a feed position bound to the user it was issued to. Positions are
 * `changes.seq` values from a database sequence, so a cursor outlives the process that issued it
 * and works on any API process. Binding it to the user catches a browser that signed in as
 * someone else but kept the old cursor: it would otherwise skip that user's earlier changes.
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
  })
  .strict();

export function encodeFeedCursor(position: FeedPosition, userId: string): string {
  return encodeCursor({ v: 1, u: userId, s: position.seq, a: position.afterOverlap });
}

export function decodeFeedCursor(text: string, userId: string): FeedPosition {
  const cursor = decodeCursor(text, SyncCursor);
  if (cursor.u !== userId) {
    throw invalidCursor("This cursor was issued to another user: omit it to start a full sync.");
  }
  return cursor.a === undefined ? { seq: cursor.s } : { seq: cursor.s, afterOverlap: cursor.a };
}
