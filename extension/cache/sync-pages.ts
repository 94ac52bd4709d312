/** Applies pages of the delta sync feed (GET /v1/sync) to the cache. */
import { rememberAccounts } from "./accounts";
import { type CacheOwner, type CacheWrite, clearData, type SyncState, writeAsOwner } from "./db";
import { overlapIdsBefore, writeOverlaps } from "./overlaps";
import { applyServerSettings } from "./settings";
import type { SyncPage } from "./stored-overlap";

/**
 * Writes one page and its cursor in a single transaction, so an interrupted sync resumes exactly
 * after the last page that landed. Returns whether the page changed anything.
 */
export async function applySyncPage(owner: CacheOwner, page: SyncPage, now: string): Promise<boolean> {
  return writeAsOwner(owner, async (tx, state) => {
    // A full sync replaces everything, including accounts answered one by one. Data that an earlier
    // sync completed stays until the full sync completes too, so that an interrupted one leaves
    // that saved copy whole, with the time it was saved, rather than a part of the new one.
    if (page.reset) {
      if (state.lastSyncedAt === null) await clearData(tx);
      else state.fullSyncFrom = state.nextChunk;
    }
    const fullSyncEndsFrom = page.hasMore ? undefined : state.fullSyncFrom;
    if (fullSyncEndsFrom !== undefined) {
      await dropStoredBefore(tx, state, fullSyncEndsFrom);
      delete state.fullSyncFrom;
    }
    const tombstones = page.deleted.filter((tombstone) => tombstone.entity === "overlap").map(({ id }) => id);
    const removed = await writeOverlaps(tx, state, { remove: tombstones, add: page.overlaps });
    await Promise.all([
      rememberAccounts(tx, removed, now),
      page.settings ? applyServerSettings(tx, page.settings) : undefined,
    ]);
    if (page.scoring) state.scoring = page.scoring;
    state.cursor = page.cursor;
    if (!page.hasMore) state.lastSyncedAt = now;
    const partnersChanged =
      page.reset || fullSyncEndsFrom !== undefined || page.overlaps.length > 0 || removed.length > 0;
    // A tombstone counts even for an overlap the cache does not hold: a server answer about its
    // account, made before the deletion and still on its way, would otherwise bring it in for good.
    if (partnersChanged || tombstones.length > 0) state.feedChanges = (state.feedChanges ?? 0) + 1;
    return partnersChanged || page.settings !== null;
  });
}

/**
 * At the end of a full sync that began with chunk `first`, drops what was stored before it and not
 * sent again: every overlap it sent moved to a chunk from `first` on, so the earlier chunks hold
 * only the others. Accounts answered one by one go too, as a full sync replaces them.
 */
async function dropStoredBefore(tx: CacheWrite, state: SyncState, first: number): Promise<void> {
  await writeOverlaps(tx, state, { remove: await overlapIdsBefore(tx, first), add: [] });
  await tx.objectStore("accounts").clear();
}
