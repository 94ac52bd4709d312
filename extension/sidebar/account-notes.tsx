import type { AccountRecord } from "../crm/types";
import type { PartnersResult } from "../messages";
import { describeSavedAt } from "./saved-at";

/** Says which fields the page did not show, instead of guessing them. */
export function MissingFields({ account }: { account: AccountRecord }) {
  const what = account.missing.join(" and ");
  return (
    <p class="note">Couldn't read the {what} on this page. Partners are still found by the record id.</p>
  );
}

/**
 * The server is unreachable: what is shown comes from the extension's saved copy. Mounted empty
 * from the start, so that screen readers announce it when the background finds the server gone.
 */
export function OfflineNotice({ result }: { result: PartnersResult | null }) {
  return (
    <p class="note" role="status">
      {result?.state === "ready" &&
        result.offline &&
        `Offline — showing saved data${result.syncedAt ? ` from ${describeSavedAt(result.syncedAt, new Date())}` : ""}`}
    </p>
  );
}
