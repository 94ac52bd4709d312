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

export async function loadSession(): Promise<StoredSession | null> {
  const stored = await browser.storage.local.get(KEY);
  const parsed = StoredSession.safeParse(stored[KEY]);
  if (!parsed.success) return null;
  return new Date(parsed.data.expiresAt).getTime() > Date.now() ? parsed.data : null;
}

export async function saveSession(session: StoredSession): Promise<void> {
  await browser.storage.local.set({ [KEY]: session });
}

export async function clearSession(): Promise<void> {
  await browser.storage.local.remove(KEY);
}

/** The cache belongs to one user on one server. */
export function cacheOwner(session: StoredSession): CacheOwner {
  return { serverUrl: session.serverUrl, userId: session.me.user.id };
}
