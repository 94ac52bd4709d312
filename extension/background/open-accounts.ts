/**
 * Which account each tab's sidebar shows, so fresher data (a sync, a server lookup, a correction)
 * can be pushed to it. Kept in session storage too: Chrome stops an idle worker after about 30 s,
 * and the next one must still reach the sidebars opened before, above all to tell them of a
 * sign-out. Session storage stays in memory until the browser closes, content scripts cannot read
 * it, and it needs only the `storage` permission. Pushing to a tab needs no `tabs` permission.
 */
import browser, { type Runtime } from "webextension-polyfill";
import * as z from "zod";
import type { PartnersChanged, PartnersResult } from "../messages";

const OpenAccount = z.object({
  tabId: z.number(),
  frameId: z.number(),
  /** The id as the page gave it, so the sidebar can tell the push is about the account it shows. */
  recordId: z.string(),
  crmId: z.string(),
  /** What the tab was last told, to push only real changes. */
  shown: z.string(),
});
type OpenAccount = z.infer<typeof OpenAccount>;

const KEY = "openAccounts";

/** By tab id; read from storage once per worker, which alone writes it. */
let openAccounts: Promise<Map<number, OpenAccount>> | null = null;

function knownOpenAccounts(): Promise<Map<number, OpenAccount>> {
  openAccounts ??= readOpenAccounts().catch((error: unknown) => {
    openAccounts = null;
    throw error;
  });
  return openAccounts;
}

async function readOpenAccounts(): Promise<Map<number, OpenAccount>> {
  const stored = await browser.storage.session.get(KEY);
  const parsed = z.array(OpenAccount).safeParse(stored[KEY]);
  return new Map(parsed.success ? parsed.data.map((open) => [open.tabId, open]) : []);
}

// An array, as storage keeps only what JSON can say.
async function saveOpenAccounts(accounts: Map<number, OpenAccount>): Promise<void> {
  await browser.storage.session.set({ [KEY]: [...accounts.values()] });
}

/**
 * The newest lookup each tab began. A rep can move on before the server answers about the previous
 * account; that late answer must not replace the account the tab shows now, or pushes (fresh data,
 * the offline notice, a sign-out) would name a record the sidebar no longer shows, and it would drop
 * them. Memory is enough: a lookup does not outlive the worker that runs it.
 */
const newestLookup = new Map<number, number>();
let lookupsBegun = 0;

/** Call before the lookup's first `await`; hand the number to `rememberOpenAccount`. */
export function beginLookup(sender: Runtime.MessageSender): number {
  const lookup = ++lookupsBegun;
  const tabId = sender.tab?.id;
  if (tabId !== undefined) newestLookup.set(tabId, lookup);
  return lookup;
}

export async function rememberOpenAccount(
  sender: Runtime.MessageSender,
  lookup: number,
  recordId: string,
  crmId: string,
  result: PartnersResult,
): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || newestLookup.get(tabId) !== lookup) return;
  const accounts = await knownOpenAccounts();
  const open = { tabId, frameId: sender.frameId ?? 0, recordId, crmId, shown: fingerprint(result) };
  const known = accounts.get(tabId);
  // A tab that asks again about the account it shows, and is told the same, changes nothing to save.
  const same =
    known?.frameId === open.frameId &&
    known.recordId === recordId &&
    known.crmId === crmId &&
    known.shown === open.shown;
  if (same) return;
  accounts.set(tabId, open);
  await saveOpenAccounts(accounts);
}

/**
 * Asks `answer` for each open account (or only those with CRM id `only`) and pushes the result to
 * its tab if the tab was told something else. `answer` returns null to leave a tab as it is.
 */
export async function pushUpdates(
  answer: (crmId: string) => Promise<PartnersResult | null>,
  only?: string,
): Promise<void> {
  const accounts = await knownOpenAccounts();
  const targets = [...accounts.values()].filter((open) => only === undefined || open.crmId === only);
  let changed = false;
  await Promise.all(
    targets.map(async (open) => {
      const result = await answer(open.crmId);
      if (!result) return;
      const shown = fingerprint(result);
      if (shown === open.shown) return;
      open.shown = shown;
      changed = true;
      const push: PartnersChanged = {
        name: "partners.changed",
        payload: { recordId: open.recordId, result },
      };
      try {
        await browser.tabs.sendMessage(open.tabId, push, { frameId: open.frameId });
      } catch {
        // The tab was closed or left the CRM: nobody is listening there any more.
        accounts.delete(open.tabId);
      }
    }),
  );
  if (changed) await saveOpenAccounts(accounts);
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
