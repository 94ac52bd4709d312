/** The signed-in session, kept in extension storage (never visible to CRM pages), and its end. */
import browser from "webextension-polyfill";
import * as z from "zod";
import { Me } from "../../src/contract/auth";
import { type CacheOwner, clearCache } from "../cache/db";
import { SESSION_STORAGE_KEY } from "../session-key";
import { ApiFailure } from "./api";
import { pushSignedOut } from "./open-accounts";

const StoredSession = z.object({
  serverUrl: z.string().url(),
  token: z.string(),
  expiresAt: z.string(),
  me: Me,
});
export type StoredSession = z.infer<typeof StoredSession>;

/**
 * The session as last read or written. Every account lookup needs it, and a storage read can take
 * several milliseconds of the sidebar's budget. Only this worker writes the session, so the copy
 * cannot go stale while the worker lives; a restarted worker reads storage again.
 */
let remembered: Promise<StoredSession | null> | null = null;

async function readStoredSession(): Promise<StoredSession | null> {
  const stored = await browser.storage.local.get(SESSION_STORAGE_KEY);
  const parsed = StoredSession.safeParse(stored[SESSION_STORAGE_KEY]);
  return parsed.success ? parsed.data : null;
}

/** The stored session, expired or not. */
function storedSession(): Promise<StoredSession | null> {
  remembered ??= readStoredSession().catch((error: unknown) => {
    remembered = null;
    throw error;
  });
  return remembered;
}

/** The session, or null when signed out. An expired session ends here (see signOutLocally). */
export async function loadSession(): Promise<StoredSession | null> {
  const session = await storedSession();
  if (!session || new Date(session.expiresAt).getTime() > Date.now()) return session;
  // The server would answer 401 to its token, so it ends as a rejected session does: otherwise the
  // previous user's partners stay on disk and in open sidebars until someone signs in again.
  await signOutLocally(session.token);
  return null;
}

export async function saveSession(session: StoredSession): Promise<void> {
  await browser.storage.local.set({ [SESSION_STORAGE_KEY]: session });
  remembered = Promise.resolve(session);
}

export async function clearSession(): Promise<void> {
  // Forgotten before the write, so nothing started after sign-out still sees the session.
  remembered = Promise.resolve(null);
  await browser.storage.local.remove(SESSION_STORAGE_KEY);
}

/**
 * Ends the session on this browser: the session, the cache and what the sidebars show. With
 * `rejectedToken` (the server answered 401 to it, or it expired), only if that token is still the
 * current one: a late answer to an old session's request ends nothing. Not a newer session, and
 * not the signed-out state either, whose settings the cache keeps for the next sign-in and which
 * a sign-in under way is about to replace.
 */
export async function signOutLocally(rejectedToken?: string): Promise<void> {
  const session = await storedSession();
  if (rejectedToken !== undefined && session?.token !== rejectedToken) return;
  await clearSession();
  // A cache that will not open now keeps what it holds, but shows it to nobody: every read checks
  // its owner, and whoever signs in next claims it, which empties it for anyone else. The sidebars
  // must hear of the sign-out all the same.
  await clearCache().catch(() => {});
  await pushSignedOut();
}

export function isSessionRejected(error: unknown): boolean {
  return error instanceof ApiFailure && error.status === 401;
}

/** The cache belongs to one user on one server. */
export function cacheOwner(session: StoredSession): CacheOwner {
  return { serverUrl: session.serverUrl, userId: session.me.user.id };
}
