import type { Failure } from "../messages";
import { ApiFailure, Unreachable } from "./api";
import { markOffline } from "./connectivity";
import { isSessionRejected, type StoredSession, signOutLocally } from "./session";

/**
 * Turns a failed server request into data for the caller, and does what the failure implies:
 * a rejected session signs out, an unreachable server marks the background offline.
 */
export async function failureFrom(error: unknown, session: StoredSession): Promise<Failure> {
  if (isSessionRejected(error)) {
    await signOutLocally(session.token);
    return { ok: false, code: "signed_out", message: "Your session ended. Sign in again." };
  }
  if (error instanceof Unreachable) {
    markOffline();
    return { ok: false, code: "unreachable", message: `Can't reach the server at ${session.serverUrl}.` };
  }
  if (error instanceof ApiFailure) return { ok: false, code: error.code, message: error.message };
  return { ok: false, code: "unexpected", message: error instanceof Error ? error.message : String(error) };
}
