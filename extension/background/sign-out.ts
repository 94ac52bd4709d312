import { clearCache } from "../cache/db";
import { ApiFailure } from "./api";
import { pushSignedOut } from "./open-accounts";
import { clearSession, loadSession } from "./session";

/**
 * Ends the session on this browser: the session, the cache and what the sidebars show. With
 * `rejectedToken` (the server answered 401 to it), only if that token is still the current one,
 * so a late answer to an old session's request cannot sign out a newer one.
 */
export async function signOutLocally(rejectedToken?: string): Promise<void> {
  const session = await loadSession();
  if (rejectedToken !== undefined && session && session.token !== rejectedToken) return;
  await clearSession();
  await clearCache();
  await pushSignedOut();
}

export function isSessionRejected(error: unknown): boolean {
  return error instanceof ApiFailure && error.status === 401;
}
