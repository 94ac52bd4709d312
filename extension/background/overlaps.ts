import * as z from "zod";
import { removeOverlap } from "../cache/accounts";
import type { ResponseOf } from "../messages";
import { apiRequest } from "./api";
import { dismiss } from "./dismissed";
import { failureFrom } from "./failures";
import { cachedResult } from "./lookup";
import { pushUpdates } from "./open-accounts";
import { cacheOwner, loadSession } from "./session";

/**
 * The rep says a partner match is wrong. The server records it and stops showing the overlap (the
 * sync feed then sends a tombstone); the cache drops it now, so the sidebar updates at once.
 */
export async function markNotAMatch(
  overlapId: string,
  reason: string | undefined,
): Promise<ResponseOf<"overlap.markWrong">> {
  const session = await loadSession();
  if (!session) return { ok: false, code: "signed_out", message: "Sign in to correct a match." };
  try {
    await apiRequest(
      session.serverUrl,
      `/v1/overlaps/${encodeURIComponent(overlapId)}/not-a-match`,
      z.unknown(),
      {
        method: "POST",
        token: session.token,
        body: reason === undefined ? undefined : { reason },
      },
    );
  } catch (error) {
    return failureFrom(error, session);
  }
  dismiss(overlapId);
  const owner = cacheOwner(session);
  // The server took the correction: a cache that cannot drop the overlap now (deleted, full, or
  // handed to another session) does not make it a failure. Lookups leave the overlap out meanwhile
  // (see ./dismissed), and the sync's tombstone removes it.
  const crmId = await removeOverlap(owner, overlapId, new Date().toISOString()).catch(() => null);
  if (crmId !== null) await pushUpdates((id) => cachedResult(owner, id), crmId);
  return { ok: true };
}
