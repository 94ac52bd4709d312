/**
 * An overlap as the cache stores it. The sync feed's pages are checked for what the cache itself
 * relies on (the ids it files overlaps under); each overlap is checked in full when it is read
 * back for an account. Checking 100k overlaps in full at sync time was the slowest part of a full
 * sync (zod cannot compile its checks under the extension's CSP), and one malformed overlap now
 * costs only its own account's answer instead of the whole sync.
 */
import * as z from "zod";
import { SyncedOverlap, SyncResponse } from "../../src/contract/sync";

export const StoredOverlap = z.looseObject({
  overlapId: z.string().min(1),
  account: z.looseObject({ crmId: z.string().min(1) }),
});
export type StoredOverlap = z.infer<typeof StoredOverlap>;

/**
 * One page of GET /v1/sync, checked as far as the cache needs. A scoring basis that fails its check
 * is dropped rather than the page: it costs the saved accounts their scores, not the sync.
 */
export const SyncPage = SyncResponse.extend({
  overlaps: z.array(StoredOverlap),
  scoring: SyncResponse.shape.scoring.catch(null),
});
export type SyncPage = z.infer<typeof SyncPage>;

/** The overlaps that pass the contract's full check; the others are left out. */
export function validOverlaps(stored: StoredOverlap[]): SyncedOverlap[] {
  return stored.flatMap((overlap) => {
    const parsed = SyncedOverlap.safeParse(overlap);
    return parsed.success ? [parsed.data] : [];
  });
}
