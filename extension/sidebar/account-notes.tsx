import type { AccountRecord } from "../crm/types";
import { describeSavedAt } from "./saved-at";

/** Says which fields the page did not show, instead of guessing them. */
export function MissingFields({ account }: { account: AccountRecord }) {
  const what = account.missing.join(" and ");
  return (
    <p class="note">Couldn't read the {what} on this page. Partners are still found by the record id.</p>
  );
}

/** The server is unreachable: what is shown comes from the extension's saved copy. */
export function OfflineNotice({ syncedAt }: { syncedAt: string | null }) {
  return (
    <p class="note">
      Offline — showing saved data{syncedAt ? ` from ${describeSavedAt(syncedAt, new Date())}` : ""}
    </p>
  );
}
