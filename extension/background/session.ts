/** The signed-in session, kept in extension storage (never visible to CRM pages). */
import browser from "webextension-polyfill";
import * as z from "zod";
import { Me } from "../../src/contract/auth";
import type { CacheOwner } from "../cache/db";

const StoredSession = z.object({
  serverUrl: z.string().url(),
  token: z.string(),
  expiresAt: z.string(),
  me: Me,
});
export type StoredSession = z.infer<typeof StoredSession>;

const KEY = "session";

/**
 * The session as last read or written. Every account lookup needs it, and a storage read can take
 * several milliseconds of the sidebar's budget. Only this worker writes the session, so the copy
 * cannot go stale while the worker lives; a restarted worker reads storage again.
 */
let remembered: Promise<StoredSession | null> | null = null;

async function readStoredSession(): Promise<StoredSession | null> {
  const stored = await browser.storage.local.get(KEY);
  const parsed = StoredSession.safeParse(stored[KEY]);
  return parsed.success ? parsed.data : null;
}

export async function loadSession(): Promise<StoredSession | null> {
  remembered ??= readStoredSession().catch((error: unknown) => {
    remembered = null;
    throw error;
  });
  const session = await remembered;
  return session && new Date(session.expiresAt).getTime() > Date.now() ? session : null;
}

export async function saveSession(session: StoredSession): Promise<void> {
  await browser.storage.local.set({ [KEY]: session });
  remembered = Promise.resolve(session);
}

export async function clearSession(): Promise<void> {
  // Forgotten before the write, so nothing started after sign-out still sees the session.
  remembered = Promise.resolve(null);
  await browser.storage.local.remove(KEY);
}

/** The cache belongs to one user on one server. */
export function cacheOwner(session: StoredSession): CacheOwner {
  return { serverUrl: session.serverUrl, userId: session.me.user.id };
}
