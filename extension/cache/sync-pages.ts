/** Applies pages of the delta sync feed (GET /v1/sync) to the cache. */
import { rememberAccounts } from "./accounts";
import { type CacheOwner, clearData, writeAsOwner } from "./db";
import { writeOverlaps } from "./overlaps";
import { applyServerSettings } from "./settings";
import type { SyncPage } from "./stored-overlap";

/**
 * Writes one page and its cursor in a single transaction, so an interrupted sync resumes exactly
 * after the last page that landed. Returns whether the page changed anything.
 */
export async function applySyncPage(owner: CacheOwner, page: SyncPage, now: string): Promise<boolean> {
  return writeAsOwner(owner, async (tx, state) => {
    // The first page of a full sync replaces everything, including accounts answered one by one.
    if (page.reset) await clearData(tx);
    const tombstones = page.deleted.filter((tombstone) => tombstone.entity === "overlap").map(({ id }) => id);
    const removed = await writeOverlaps(tx, state, { remove: tombstones, add: page.overlaps });
    await Promise.all([
      rememberAccounts(tx, removed, now),
      page.settings ? applyServerSettings(tx, page.settings) : undefined,
    ]);
    if (page.scoring) state.scoring = page.scoring;
    state.cursor = page.cursor;
    if (!page.hasMore) state.lastSyncedAt = now;
    return page.reset || page.overlaps.length > 0 || removed.length > 0 || page.settings !== null;
  });
}
