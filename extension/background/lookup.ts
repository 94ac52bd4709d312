/**
 * "Which partners are in this account?" Answers from the cache at once when it can, then checks
 * the account with the server in the background and pushes a fresher answer to the tab. On a
 * cache miss it asks the server about that one account, and remembers the answer, even "none".
 */
import type { Runtime } from "webextension-polyfill";
import { AccountPartners } from "../../src/contract/partners";
import { feedChangesSoFar, readAccount, storeAccountAnswer } from "../cache/accounts";
import { type CacheOwner, CacheOwnerChanged, cacheHolder, sameOwner } from "../cache/db";
import type { AccountOnPage, PartnersResult } from "../messages";
import { apiRequest, Unreachable } from "./api";
import { isOffline, markOffline, markOnline } from "./connectivity";
import { serverCrmId } from "./crm-id";
import { withoutDismissed } from "./dismissed";
import { beginLookup, pushUpdates, rememberOpenAccount } from "./open-accounts";
import { cacheOwner, isSessionRejected, loadSession, type StoredSession, signOutLocally } from "./session";

export async function partnersForAccount(
  account: AccountOnPage,
  sender: Runtime.MessageSender,
): Promise<PartnersResult> {
  const lookup = beginLookup(sender);
  const session = await loadSession();
  const crmId = serverCrmId(account);
  if (!session) {
    // Remembered all the same, so that signing in answers this tab (see answerOpenAccounts).
    const signedOut: PartnersResult = { state: "signed_out" };
    await rememberOpenAccount(sender, lookup, account.recordId, crmId, signedOut);
    return signedOut;
  }
  const cached = await cachedResult(cacheOwner(session), crmId);
  const result = cached ?? (await askServer(session, crmId));
  await rememberOpenAccount(sender, lookup, account.recordId, crmId, result);
  if (cached) void refreshInBackground(session, crmId);
  return result;
}

/**
 * Answers every open sidebar for a session that just began: they showed "signed out", or another
 * user's partners. From the cache where it knows the account, else from the server.
 */
export async function answerOpenAccounts(session: StoredSession): Promise<void> {
  const owner = cacheOwner(session);
  await pushUpdates(async (crmId) => (await cachedResult(owner, crmId)) ?? askServer(session, crmId));
}

/**
 * The cache's answer about an account, or null when it knows nothing about it, or cannot be read
 * (the database will not open): the server is then asked, as for an account the cache lacks.
 */
export async function cachedResult(owner: CacheOwner, crmId: string): Promise<PartnersResult | null> {
  const cached = await readAccount(owner, crmId).catch(() => null);
  if (!cached) return null;
  return {
    state: "ready",
    data: cached.data,
    source: "cache",
    syncedAt: cached.syncedAt,
    offline: isOffline(),
  };
}

async function askServer(session: StoredSession, crmId: string): Promise<PartnersResult> {
  const owner = cacheOwner(session);
  try {
    for (;;) {
      const [askedAt, answer] = await Promise.all([
        // Null when the cache cannot be read: the answer then goes to the tab without being stored.
        feedChangesSoFar(owner).catch(() => null),
        apiRequest(
          session.serverUrl,
          `/v1/accounts/partners?${new URLSearchParams({ crmId })}`,
          AccountPartners,
          { token: session.token },
        ),
      ]);
      markOnline();
      const data = { ...answer, partners: withoutDismissed(answer.partners) };
      const now = new Date().toISOString();
      if (await storeAnswer(session, crmId, data, now, askedAt)) {
        return { state: "ready", data, source: "server", syncedAt: now, offline: false };
      }
      // A sync changed the cache while the server answered, maybe after it made this answer: the
      // synced state wins, so the answer is dropped and the question asked again. Another round
      // needs another sync page to land during the round trip; syncs run one at a time and end.
    }
  } catch (error) {
    if (isSessionRejected(error) || error instanceof CacheOwnerChanged) {
      // The session ended, or another began, while the server answered (a sign-out revokes the
      // token): the tab is owed an answer for the session there is now, not about the one before.
      const current = await loadSession();
      if (current?.token !== session.token)
        return current ? askServer(current, crmId) : { state: "signed_out" };
    }
    if (isSessionRejected(error)) {
      await signOutLocally(session.token);
      return { state: "signed_out" };
    }
    if (error instanceof Unreachable) {
      markOffline();
      return {
        state: "error",
        message: `Can't reach the server at ${session.serverUrl}, and this account is not in the saved data yet.`,
      };
    }
    return { state: "error", message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Stores the server's answer (see storeAccountAnswer); false when a sync page overtook it. A cache
 * that cannot keep it (the user deleted the database, the disk is full) does not cost the tab the
 * answer: it is shown all the same, and the cache catches up at the next sync. Only a session that
 * ended or changed meanwhile is passed on (CacheOwnerChanged), for askServer to answer for it.
 */
async function storeAnswer(
  session: StoredSession,
  crmId: string,
  answer: AccountPartners,
  now: string,
  askedAt: number | null,
): Promise<boolean> {
  const owner = cacheOwner(session);
  if (askedAt === null) return true;
  try {
    return await storeAccountAnswer(owner, crmId, answer, now, askedAt);
  } catch (error) {
    if (error instanceof CacheOwnerChanged && (await handedOver(session))) throw error;
    return true;
  }
}

/** Whether the session ended or the cache went to another one, rather than the cache being emptied. */
async function handedOver(session: StoredSession): Promise<boolean> {
  if ((await loadSession())?.token !== session.token) return true;
  const holder = await cacheHolder().catch(() => null);
  return holder !== null && !sameOwner(holder, cacheOwner(session));
}

/**
 * Pushes the server's answer if it differs from the cached one the tab got. If the server could
 * not answer, the tab keeps its cached data, now marked offline when the server is unreachable.
 */
async function refreshInBackground(session: StoredSession, crmId: string): Promise<void> {
  try {
    const fresh = await askServer(session, crmId);
    await pushUpdates(
      async () => (fresh.state === "error" ? cachedResult(cacheOwner(session), crmId) : fresh),
      crmId,
    );
  } catch {
    // Signed out or replaced while refreshing: the tab already has an answer, and sign-out tells it.
  }
}
