import type { AccountRecord, CrmAdapter } from "../crm/types";

/** How long to wait for a record to render before falling back to what the URL tells. */
const RENDER_TIMEOUT_MS = 8_000;
/**
 * Lightning reports a record as soon as its name renders, and the detail fields (the website among
 * them) can follow a moment later, so a missing website is only final after this grace period.
 */
const LATE_FIELD_GRACE_MS = 1_500;
const RETRY_MS = 150;

/**
 * Reads the account the URL points at as the CRM renders it. `onRead` gets each better reading, with
 * `final` true for the last one. CRMs render records late and Lightning renders inside shadow roots
 * that a MutationObserver on the document cannot see, so a short retry interval backs up the observer.
 * After the timeout it settles for the record id.
 *
 * `previous` is what this tab showed for the record it came from. A single-page CRM changes the URL
 * before it renders the next record, and HubSpot and Dynamics mark no element with its record's id,
 * so for a moment the page reads as the old record under the new id. A reading equal to `previous`
 * is therefore held back for the grace period. After it, it is shown, as two records may well share
 * a name and a website, but not as final: on a slow page the new record may still render, and
 * replaces it. Only the timeout makes it final.
 */
export function watchAccount(
  adapter: CrmAdapter,
  url: URL,
  signal: AbortSignal,
  onRead: (account: AccountRecord, final: boolean) => void,
  previous: Pick<AccountRecord, "name" | "website"> | null = null,
): void {
  const recordId = adapter.accountIdFromUrl(url);
  if (!recordId || signal.aborted) return;
  const heldBackUntil = previous ? Date.now() + LATE_FIELD_GRACE_MS : 0;
  let graceEnds: number | null = null;
  let latest: AccountRecord | null = null;

  const stop = () => {
    observer.disconnect();
    clearInterval(retry);
    clearTimeout(timeout);
  };
  const settle = (account: AccountRecord) => {
    stop();
    if (!signal.aborted) onRead(account, true);
  };
  const attempt = () => {
    const account = adapter.readAccount(document, url);
    if (!account) return;
    if (previous && sameReading(account, previous)) {
      if (Date.now() < heldBackUntil || (latest !== null && sameReading(latest, account))) return;
      latest = account;
      return onRead(account, false);
    }
    if (!account.missing.includes("website")) return settle(account);
    if (graceEnds === null) {
      graceEnds = Date.now() + LATE_FIELD_GRACE_MS;
      latest = account;
      onRead(account, false);
    } else if (Date.now() >= graceEnds) {
      settle(account);
    }
  };

  const observer = new MutationObserver(attempt);
  const retry = setInterval(attempt, RETRY_MS);
  const timeout = setTimeout(
    () =>
      settle(
        latest ?? { crm: adapter.crm, recordId, name: null, website: null, missing: ["name", "website"] },
      ),
    RENDER_TIMEOUT_MS,
  );
  signal.addEventListener("abort", stop, { once: true });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  attempt();
}

function sameReading(a: Pick<AccountRecord, "name" | "website">, b: Pick<AccountRecord, "name" | "website">) {
  return a.name === b.name && a.website === b.website;
}
