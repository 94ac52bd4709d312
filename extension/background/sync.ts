/**
 * The delta sync: a full sync first, then only what changed, page by page until the feed says
 * there is no more. One sync at a time: callers that ask while one runs share its outcome.
 */
import { type CacheOwner, CacheOwnerChanged, claimCache, readSyncState } from "../cache/db";
import { SyncPage } from "../cache/stored-overlap";
import { applySyncPage } from "../cache/sync-pages";
import type { ResponseOf } from "../messages";
import { ApiFailure, apiRequest } from "./api";
import { isOffline, markOnline } from "./connectivity";
import { withoutDismissed } from "./dismissed";
import { failureFrom } from "./failures";
import { cachedResult } from "./lookup";
import { pushUpdates } from "./open-accounts";
import { cacheOwner, isSessionRejected, loadSession, type StoredSession } from "./session";
import { uploadPendingSettings } from "./settings";

/** The most the server sends in one page: fewer round trips and transactions for a full sync. */
const PAGE_SIZE = 5000;

export type SyncOutcome = ResponseOf<"sync.now">;

let running: Promise<SyncOutcome> | null = null;

/** A run's outcome when the session changed under it; syncNow never hands it on. */
const SUPERSEDED = "superseded";

export async function syncNow(): Promise<SyncOutcome> {
  running ??= runSync().finally(() => {
    running = null;
  });
  const outcome = await running;
  // The sync joined was for a session that has since ended: whoever asked wants the current one
  // synced (or to hear they are signed out), not "the session changed" for a sign-in they never saw.
  return !outcome.ok && outcome.code === SUPERSEDED ? syncNow() : outcome;
}

/** A sync for a session that just began; one still running belongs to the previous session. */
export async function syncAfterCurrent(): Promise<SyncOutcome> {
  await running;
  return syncNow();
}

async function runSync(): Promise<SyncOutcome> {
  const session = await loadSession();
  if (!session) return { ok: false, code: "signed_out", message: "Sign in to sync." };
  const owner = cacheOwner(session);
  try {
    await claimCache(owner);
    // A sign-out that emptied the cache before the claim must not see this sync fill it again;
    // once claimed, each page's write checks the owner itself.
    if ((await loadSession())?.token !== session.token) throw new CacheOwnerChanged();
    const wasOffline = isOffline();
    const changed = await pullFeed(session, owner);
    markOnline();
    await uploadPendingSettings();
    // Back online, sidebars lose their "offline" notice even when no data changed.
    if (changed || wasOffline) await pushUpdates((crmId) => cachedResult(owner, crmId));
    const state = await readSyncState(owner);
    return { ok: true, syncedAt: state?.lastSyncedAt ?? new Date().toISOString() };
  } catch (error) {
    // A 401 too: the token was revoked by the sign-out that ended this session, not the current one.
    const superseded =
      error instanceof CacheOwnerChanged ||
      (isSessionRejected(error) && (await loadSession())?.token !== session.token);
    if (superseded) {
      return { ok: false, code: SUPERSEDED, message: "The session changed during the sync." };
    }
    const failure = await failureFrom(error, session);
    // Sidebars showing saved data learn that the server is out of reach.
    if (failure.code === "unreachable") {
      await pushUpdates((crmId) => cachedResult(owner, crmId)).catch(() => {});
    }
    return failure;
  }
}

/** Pulls pages from the stored cursor on; returns whether anything in the cache changed. */
async function pullFeed(session: StoredSession, owner: CacheOwner): Promise<boolean> {
  const feed: Feed = { session, startedOver: false };
  let next = prefetch(feed, (await readSyncState(owner))?.cursor ?? null);
  let changed = false;
  for (;;) {
    const page = await next;
    // The next page downloads while this one is written: IndexedDB works in another process.
    if (page.hasMore) next = prefetch(feed, page.cursor);
    const fresh = { ...page, overlaps: withoutDismissed(page.overlaps) };
    changed = (await applySyncPage(owner, fresh, new Date().toISOString())) || changed;
    if (!page.hasMore) return changed;
  }
}

/** One sync run's pull of the feed. */
interface Feed {
  session: StoredSession;
  /** Whether a rejected cursor already made this run start over without one. */
  startedOver: boolean;
}

/** A page request whose failure is reported when it is awaited, even if that is never. */
function prefetch(feed: Feed, cursor: string | null): Promise<SyncPage> {
  const page = fetchPage(feed, cursor);
  page.catch(() => {});
  return page;
}

async function fetchPage(feed: Feed, cursor: string | null): Promise<SyncPage> {
  const { session } = feed;
  const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor === null ? {} : { cursor }) });
  try {
    return await apiRequest(session.serverUrl, `/v1/sync?${query}`, SyncPage, { token: session.token });
  } catch (error) {
    const cursorRejected = cursor !== null && error instanceof ApiFailure && error.status === 400;
    if (!cursorRejected) throw error;
    // The server no longer accepts the cursor (issued to another user, before a `sync reset`, or in
    // an older format): the feed says to start over without one, which begins with a reset. Only
    // once a run: a server that rejects the cursors of the feed it has just started would have the
    // sync start over and over, without end.
    if (feed.startedOver) {
      throw new ApiFailure(
        error.status,
        error.code,
        `The server rejected the sync feed's position even after starting over: ${error.message}`,
      );
    }
    feed.startedOver = true;
    return fetchPage(feed, null);
  }
}
