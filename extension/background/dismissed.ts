/**
 * Overlaps the user marked as wrong during this worker's life. An answer the server sent before it
 * took the correction (a lookup or sync page already on its way) still holds them; without this
 * filter, such an answer would put them back in the cache until the next sync's tombstone.
 */
const dismissed = new Set<string>();

export function dismiss(overlapId: string): void {
  dismissed.add(overlapId);
}

export function withoutDismissed<T extends { overlapId: string }>(overlaps: T[]): T[] {
  return dismissed.size === 0 ? overlaps : overlaps.filter((overlap) => !dismissed.has(overlap.overlapId));
}
