/**
 * How overlaps are stored. In Chromium every IndexedDB request is a round trip to the browser
 * process and every index entry a separate write, so 100k overlaps as records of their own (with
 * an index on the account) take tens of seconds to write. Instead:
 *
 * - `chunks` hold many overlaps each, as one JSON string (a string is far cheaper for IndexedDB
 *   to copy than the same data as objects), keyed [partition, seq]. The partition is a hash of
 *   the account's CRM id, so one key range holds every overlap of an account: no index needed.
 * - `directory` says which chunk holds each overlap, in buckets (JSON too) keyed by the id's
 *   first two characters. Tombstones and changed overlaps find their chunk there. Server ids are
 *   random UUIDs, so the buckets stay even, and a full-sync page (ordered by id) touches few.
 *
 * Invariant: an overlap is in exactly one chunk, and the directory says which. */
import type { CacheWrite, ChunkKey, OverlapChunk, SyncState } from "./db";
import type { StoredOverlap } from "./stored-overlap";

const PARTITIONS = 64;

/** The chunks that may hold an account's overlaps. */
export function accountRange(crmId: string): IDBKeyRange {
  const partition = partitionOf(crmId);
  return IDBKeyRange.bound([partition], [partition + 1], false, true);
}

export function overlapsOfAccount(chunks: OverlapChunk[], crmId: string): StoredOverlap[] {
  return chunks.flatMap((chunk) => overlapsIn(chunk).filter((overlap) => overlap.account.crmId === crmId));
}

export function overlapsIn(chunk: OverlapChunk): StoredOverlap[] {
  return JSON.parse(chunk.overlaps) as StoredOverlap[];
}

/**
 * Removes the overlaps in `remove` and stores those in `add`, replacing any copy already stored.
 * Returns the copies removed for `remove`. Chunk numbers come from `state`, which the caller saves.
 */
export async function writeOverlaps(
  tx: CacheWrite,
  state: SyncState,
  changes: { remove: Iterable<string>; add: readonly StoredOverlap[] },
): Promise<StoredOverlap[]> {
  const removing = new Set(changes.remove);
  const replacing = new Set(changes.add.map((overlap) => overlap.overlapId));
  const directory = await openDirectory(tx, [...removing, ...replacing]);
  const removed = await removeFromChunks(tx, directory, new Set([...removing, ...replacing]));

  const byPartition = new Map<number, StoredOverlap[]>();
  for (const overlap of changes.add) {
    const partition = partitionOf(overlap.account.crmId);
    const group = byPartition.get(partition);
    if (group) group.push(overlap);
    else byPartition.set(partition, [overlap]);
  }
  const seq = state.nextChunk++;
  const adds = [...byPartition].map(([partition, overlaps]) => {
    for (const overlap of overlaps) directory.place(overlap.overlapId, [partition, seq]);
    return tx.objectStore("chunks").add({ partition, seq, overlaps: JSON.stringify(overlaps) });
  });
  await Promise.all([...adds, directory.save()]);
  return removed.filter((overlap) => removing.has(overlap.overlapId));
}

/** The ids of the overlaps in chunks numbered before `seq`, that is, stored before it was handed out. */
export async function overlapIdsBefore(tx: CacheWrite, seq: number): Promise<string[]> {
  const chunks = await Promise.all(
    Array.from({ length: PARTITIONS }, (_, partition) =>
      tx.objectStore("chunks").getAll(IDBKeyRange.bound([partition], [partition, seq], false, true)),
    ),
  );
  return chunks.flat().flatMap((chunk) => overlapsIn(chunk).map((overlap) => overlap.overlapId));
}

async function removeFromChunks(
  tx: CacheWrite,
  directory: Directory,
  overlapIds: Set<string>,
): Promise<StoredOverlap[]> {
  const chunkKeys = new Map<string, ChunkKey>();
  for (const overlapId of overlapIds) {
    const key = directory.find(overlapId);
    if (key) chunkKeys.set(key.join(), key);
    directory.forget(overlapId);
  }
  const chunks = tx.objectStore("chunks");
  const removed: StoredOverlap[] = [];
  await Promise.all(
    [...chunkKeys.values()].map(async (key) => {
      const chunk = await chunks.get(key);
      if (!chunk) return;
      const held = overlapsIn(chunk);
      const kept = held.filter((overlap) => !overlapIds.has(overlap.overlapId));
      removed.push(...held.filter((overlap) => overlapIds.has(overlap.overlapId)));
      await (kept.length === 0
        ? chunks.delete(key)
        : chunks.put({ ...chunk, overlaps: JSON.stringify(kept) }));
    }),
  );
  return removed;
}

interface Directory {
  find(overlapId: string): ChunkKey | undefined;
  place(overlapId: string, key: ChunkKey): void;
  forget(overlapId: string): void;
  save(): Promise<unknown>;
}

/** The directory buckets of the given overlaps, read once and written back once. */
async function openDirectory(tx: CacheWrite, overlapIds: string[]): Promise<Directory> {
  const store = tx.objectStore("directory");
  const names = [...new Set(overlapIds.map(bucketOf))];
  const read = async (name: string) => {
    const stored = await store.get(name);
    return [name, stored ? (JSON.parse(stored.chunks) as Record<string, ChunkKey>) : {}] as const;
  };
  const buckets = new Map(await Promise.all(names.map(read)));
  const bucket = (overlapId: string) => {
    const found = buckets.get(bucketOf(overlapId));
    // Writing back a bucket that was never read would erase it.
    if (!found) throw new Error(`The directory bucket of ${overlapId} was not read.`);
    return found;
  };
  return {
    find: (overlapId) => bucket(overlapId)[overlapId],
    place(overlapId, key) {
      bucket(overlapId)[overlapId] = key;
    },
    forget(overlapId) {
      delete bucket(overlapId)[overlapId];
    },
    save: () =>
      Promise.all(
        [...buckets].map(([name, chunks]) => store.put({ bucket: name, chunks: JSON.stringify(chunks) })),
      ),
  };
}

function bucketOf(overlapId: string): string {
  return overlapId.slice(0, 2);
}

/** FNV-1a: a fast, well-spread string hash. */
function partitionOf(crmId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < crmId.length; i++) {
    hash = Math.imul(hash ^ crmId.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0) % PARTITIONS;
}
