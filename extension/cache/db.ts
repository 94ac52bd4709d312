/**
 * The offline cache: an IndexedDB database that only the background opens. A content script's
 * IndexedDB belongs to the CRM page's origin, so content scripts reach this cache by messages.
 *
 * The cache belongs to one user on one server (its owner). Every write checks the owner inside its
 * own transaction, so a request that finishes after sign-out (or after someone else signed in)
 * can never put the previous user's data back.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from "idb";
import type { AccountPartners } from "../../src/contract/partners";
import type { ScoringBasis, UserSettings } from "../../src/contract/sync";

export interface CacheOwner {
  serverUrl: string;
  userId: string;
}

export interface SyncState {
  owner: CacheOwner;
  /** Where the delta feed resumes; null before the first page of a full sync landed. */
  cursor: string | null;
  /** When a sync last ran to the end of the feed. */
  lastSyncedAt: string | null;
  /**
   * Set while a full sync runs over data that an earlier sync completed: the number of the first
   * chunk it wrote. The earlier data stays until the full sync reaches the end (see ./sync-pages).
   */
  fullSyncFrom?: number;
  /** The number the next batch of chunks gets (see ./overlaps). */
  nextChunk: number;
  /**
   * How many pages of the feed changed the cache's partners. An account lookup's answer is stored
   * only if none did while the server answered, as the answer may predate the change (see
   * ./accounts). Absent until the first such page.
   */
  feedChanges?: number;
  /**
   * What partners' scores depend on, as the feed last sent it: accounts known only from the feed
   * are scored with it (see ./accounts). Absent in caches written before the feed carried it.
   */
  scoring?: ScoringBasis;
}

/** [partition, seq]: see ./overlaps. */
export type ChunkKey = [number, number];

/** Some overlaps of the accounts in one partition (see ./overlaps). */
export interface OverlapChunk {
  partition: number;
  seq: number;
  /** JSON of StoredOverlap[]. */
  overlaps: string;
}

/** Which chunk holds each overlap whose id starts with `bucket`. */
export interface DirectoryBucket {
  bucket: string;
  /** JSON of Record<overlapId, ChunkKey>. */
  chunks: string;
}

/** The server's answer about one account, remembered so that "no partners" also works offline. */
export interface KnownAccount {
  crmId: string;
  account: AccountPartners["account"];
  checkedAt: string;
}

export interface StoredSettings {
  settings: UserSettings;
  /** Changed here and not yet accepted by the server. */
  pendingUpload: boolean;
}

export interface CacheSchema extends DBSchema {
  chunks: { key: ChunkKey; value: OverlapChunk };
  directory: { key: string; value: DirectoryBucket };
  accounts: { key: string; value: KnownAccount };
  meta: { key: typeof SYNC_STATE; value: SyncState };
  settings: { key: typeof USER_SETTINGS; value: StoredSettings };
}

export const SYNC_STATE = "sync";
export const USER_SETTINGS = "user";
const DATABASE = "cosell-lens-cache";
const VERSION = 1;
const STORES = ["chunks", "directory", "accounts", "meta", "settings"] as const;
/** Everything that belongs to the owner's data, as opposed to their settings. */
const DATA_STORES = ["chunks", "directory", "accounts"] as const;

export type CacheDb = IDBPDatabase<CacheSchema>;
export type CacheWrite = IDBPTransaction<CacheSchema, typeof STORES, "readwrite">;

let connection: Promise<CacheDb> | null = null;

export function cacheDb(): Promise<CacheDb> {
  connection ??= openDB<CacheSchema>(DATABASE, VERSION, {
    upgrade(db, oldVersion) {
      // One step per schema version, so a browser that skipped versions replays them in order.
      if (oldVersion < 1) {
        db.createObjectStore("chunks", { keyPath: ["partition", "seq"] });
        db.createObjectStore("directory", { keyPath: "bucket" });
        db.createObjectStore("accounts", { keyPath: "crmId" });
        db.createObjectStore("meta");
        db.createObjectStore("settings");
      }
    },
    // A newer version of the extension wants to upgrade the schema: let it, and reopen on next use.
    blocking() {
      void connection?.then((db) => db.close());
      connection = null;
    },
    terminated() {
      connection = null;
    },
  });
  // A database that would not open (a newer build's version, a corrupt or full disk) is tried again
  // at the next use, rather than failing every use for as long as the worker lives.
  const opening = connection;
  opening.catch(() => {
    if (connection === opening) connection = null;
  });
  return connection;
}

export function sameOwner(a: CacheOwner | undefined, b: CacheOwner): boolean {
  return a?.serverUrl === b.serverUrl && a.userId === b.userId;
}

/** The cache was cleared or handed to another user while this write was under way. */
export class CacheOwnerChanged extends Error {
  constructor() {
    super("The cache now belongs to another session.");
  }
}

/**
 * Runs `write` in one transaction over every store, if the cache still belongs to `owner`. `write`
 * may change the sync state it is given; it is saved in the same transaction. Relaxed durability:
 * this is a cache the server can rebuild, and it makes bulk writes much faster.
 */
export async function writeAsOwner<T>(
  owner: CacheOwner,
  write: (tx: CacheWrite, state: SyncState) => Promise<T>,
): Promise<T> {
  const db = await cacheDb();
  const tx = db.transaction(STORES, "readwrite", { durability: "relaxed" });
  // Observed at once, so an abort while `write` still runs is not reported as unhandled.
  const done = tx.done;
  done.catch(() => {});
  try {
    const state = await tx.objectStore("meta").get(SYNC_STATE);
    if (!state || !sameOwner(state.owner, owner)) throw new CacheOwnerChanged();
    const result = await write(tx, state);
    await tx.objectStore("meta").put(state, SYNC_STATE);
    await done;
    return result;
  } catch (error) {
    // Nothing of a failed write may land: the cursor and the records it covers commit together.
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    throw error;
  }
}

/** Empties the owner's data (not the settings) inside a write, as a full sync's first page does. */
export async function clearData(tx: CacheWrite): Promise<void> {
  await Promise.all(DATA_STORES.map((store) => tx.objectStore(store).clear()));
}

/** Hands the cache to `owner`, first emptying it if it held another user's or server's data. */
export async function claimCache(owner: CacheOwner): Promise<void> {
  const db = await cacheDb();
  const tx = db.transaction(STORES, "readwrite");
  const state = await tx.objectStore("meta").get(SYNC_STATE);
  if (sameOwner(state?.owner, owner)) return tx.done;
  // Settings made while signed out (no owner yet) carry over to whoever signs in.
  await Promise.all([
    clearData(tx),
    state ? tx.objectStore("settings").clear() : undefined,
    tx.objectStore("meta").put({ owner, cursor: null, lastSyncedAt: null, nextChunk: 0 }, SYNC_STATE),
    tx.done,
  ]);
}

/** Empties every store: on sign-out, and when the server rejects the session. */
export async function clearCache(): Promise<void> {
  const db = await cacheDb();
  const tx = db.transaction(STORES, "readwrite");
  await Promise.all([...STORES.map((store) => tx.objectStore(store).clear()), tx.done]);
}

export async function readSyncState(owner: CacheOwner): Promise<SyncState | null> {
  const state = await (await cacheDb()).get("meta", SYNC_STATE);
  return state && sameOwner(state.owner, owner) ? state : null;
}

/** Whom the cache belongs to, or null when nobody claimed it (signed out, or the database is new). */
export async function cacheHolder(): Promise<CacheOwner | null> {
  return (await (await cacheDb()).get("meta", SYNC_STATE))?.owner ?? null;
}
