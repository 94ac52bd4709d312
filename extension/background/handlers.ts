import browser, { type Runtime } from "webextension-polyfill";
import * as z from "zod";
import { Me, SignInResponse } from "../../src/contract/auth";
import { claimCache } from "../cache/db";
import type { MessageName, ResponseOf } from "../messages";
import type { RequestOf } from "../requests";
import { ApiFailure, apiRequest, apiRequestDated, Unreachable } from "./api";
import { answerOpenAccounts, partnersForAccount } from "./lookup";
import { markNotAMatch } from "./overlaps";
import { cacheOwner, loadSession, saveSession, signOutLocally } from "./session";
import { currentSettings, updateSettings } from "./settings";
import { syncAfterCurrent, syncNow } from "./sync";

/** A wait of `seconds`, in whole minutes rounded up: "a minute", "13 minutes". */
const wait = (seconds: number) => {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? "a minute" : `${minutes} minutes`;
};

type Handlers = {
  [N in MessageName]: (request: RequestOf<N>, sender: Runtime.MessageSender) => Promise<ResponseOf<N>>;
};

export const handlers: Handlers = {
  "partners.forAccount": ({ account }, sender) => partnersForAccount(account, sender),

  async "session.get"() {
    const session = await loadSession();
    return { ok: true, session: session ? { serverUrl: session.serverUrl, me: session.me } : null };
  },

  async "session.signIn"({ serverUrl, email, password }) {
    try {
      const { answer, clockAhead } = await apiRequestDated(serverUrl, "/v1/auth/sign-in", SignInResponse, {
        method: "POST",
        body: { email, password },
      });
      const { token } = answer;
      const me = await apiRequest(serverUrl, "/v1/me", Me, { token });
      // The token's end as this computer's clock will read it: the server dates it by its own, and a
      // clock ahead of the server's by more than the token's life would end the session at once.
      const expiresAt = new Date(Date.parse(answer.expiresAt) + clockAhead).toISOString();
      const session = { serverUrl, token, expiresAt, me };
      // Before the session is saved, so nothing reads another user's cache under the new session.
      // A cache that will not open holds nobody's data for now: every read and write checks its
      // owner, and the sync claims it once it opens. Until then lookups go to the server.
      await claimCache(cacheOwner(session)).catch(() => {});
      await saveSession(session);
      void syncAfterCurrent();
      // Sidebars already open said "signed out"; a failure here leaves them to their next lookup.
      void answerOpenAccounts(session).catch(() => {});
      return { ok: true, session: { serverUrl, me } };
    } catch (error) {
      if (error instanceof Unreachable) {
        return {
          ok: false,
          code: "unreachable",
          message: `Can't reach a cosell-lens server at ${serverUrl}.`,
        };
      }
      if (error instanceof ApiFailure && error.code === "too_many_attempts" && error.retryAfter !== null) {
        // The server's "Try again later." leaves the rep guessing, and trying again too soon.
        return {
          ok: false,
          code: error.code,
          message: `Too many failed sign-ins. Try again in ${wait(error.retryAfter)}.`,
        };
      }
      if (error instanceof ApiFailure) return { ok: false, code: error.code, message: error.message };
      return { ok: false, code: "unexpected", message: (error as Error).message };
    }
  },

  async "session.signOut"() {
    const session = await loadSession();
    await signOutLocally();
    if (session) {
      // Best effort: the local session is gone either way, and the token expires on its own.
      await apiRequest(session.serverUrl, "/v1/auth/sign-out", z.unknown(), {
        method: "POST",
        token: session.token,
      }).catch(() => {});
    }
    return { ok: true };
  },

  async "options.open"() {
    await browser.runtime.openOptionsPage();
    return { ok: true };
  },

  "overlap.markWrong": ({ overlapId, reason }) => markNotAMatch(overlapId, reason),

  async "settings.get"() {
    return { ok: true, settings: await currentSettings() };
  },

  async "settings.set"(change) {
    return { ok: true, settings: await updateSettings(change) };
  },

  "sync.now": () => syncNow(),
};
