/**
 * The user's settings. They live in the cache so that they follow its owner: cleared on sign-out,
 * replaced when someone else signs in. Settings made while signed out carry over to the next owner.
 */
import { UserSettings } from "../../src/contract/settings";
import { type CacheWrite, cacheDb, type StoredSettings, USER_SETTINGS } from "./db";

export async function readSettings(): Promise<StoredSettings> {
  const stored = await (await cacheDb()).get("settings", USER_SETTINGS);
  return stored ?? { settings: UserSettings.parse({}), pendingUpload: false };
}

/** A change made here: kept at once, and marked for upload to the server. */
export async function changeSettings(settings: UserSettings): Promise<void> {
  await (await cacheDb()).put("settings", { settings, pendingUpload: true }, USER_SETTINGS);
}

/**
 * The server accepted `uploaded` (or has no settings to sync with). A change made while the upload
 * was under way stays pending, so it is not lost.
 */
export async function settleUpload(uploaded: UserSettings): Promise<void> {
  const tx = (await cacheDb()).transaction("settings", "readwrite");
  const stored = await tx.store.get(USER_SETTINGS);
  if (stored && sameSettings(stored.settings, uploaded)) {
    await tx.store.put({ settings: stored.settings, pendingUpload: false }, USER_SETTINGS);
  }
  await tx.done;
}

/** Settings from the sync feed; a local change not yet uploaded wins, as it is the newer one. */
export async function applyServerSettings(tx: CacheWrite, settings: UserSettings): Promise<void> {
  const store = tx.objectStore("settings");
  const stored = await store.get(USER_SETTINGS);
  if (stored?.pendingUpload) return;
  await store.put({ settings, pendingUpload: false }, USER_SETTINGS);
}

function sameSettings(a: UserSettings, b: UserSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
