/**
 * Which account each tab's sidebar shows, so fresher data (a sync, a server lookup, a correction)
 * can be pushed to it. Kept in memory: after the worker restarts, a tab is known again once its
 * sidebar next asks. Pushing to a tab needs no `tabs` permission.
 */
import browser, { type Runtime } from "webextension-polyfill";
import type { PartnersChanged, PartnersResult } from "../messages";

interface OpenAccount {
  tabId: number;
  frameId: number;
  /** The id as the page gave it, so the sidebar can tell the push is about the account it shows. */
  recordId: string;
  crmId: string;
  /** What the tab was last told, to push only real changes. */
  shown: string;
}

const openAccounts = new Map<number, OpenAccount>();

export function rememberOpenAccount(
  sender: Runtime.MessageSender,
  recordId: string,
  crmId: string,
  result: PartnersResult,
): void {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return;
  openAccounts.set(tabId, {
    tabId,
    frameId: sender.frameId ?? 0,
    recordId,
    crmId,
    shown: fingerprint(result),
  });
}

/**
 * Asks `answer` for each open account (or only those with CRM id `only`) and pushes the result to
 * its tab if the tab was told something else. `answer` returns null to leave a tab as it is.
 */
export async function pushUpdates(
  answer: (crmId: string) => Promise<PartnersResult | null>,
  only?: string,
): Promise<void> {
  const targets = [...openAccounts.values()].filter((open) => only === undefined || open.crmId === only);
  await Promise.all(
    targets.map(async (open) => {
      const result = await answer(open.crmId);
      if (!result || fingerprint(result) === open.shown) return;
      open.shown = fingerprint(result);
      const push: PartnersChanged = {
        name: "partners.changed",
        payload: { recordId: open.recordId, result },
      };
      try {
        await browser.tabs.sendMessage(open.tabId, push, { frameId: open.frameId });
      } catch {
        // The tab was closed or left the CRM: nobody is listening there any more.
        openAccounts.delete(open.tabId);
      }
    }),
  );
}

/**
 * Tells every open sidebar that the user is signed out. They stay known: whoever signs in next gets
 * their answers pushed (`answerOpenAccounts`).
 */
export async function pushSignedOut(): Promise<void> {
  await pushUpdates(async () => ({ state: "signed_out" }));
}

// The sync time moves on every sync; only the data and the offline notice are worth a push.
function fingerprint(result: PartnersResult): string {
  return JSON.stringify(result.state === "ready" ? { data: result.data, offline: result.offline } : result);
}
