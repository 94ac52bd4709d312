/** The sidebar's answers when there is no partner list to show: loading, signed out, failed, empty. */
import type { Ref } from "preact";

// The link is real for assistive technology, but a CRM page may not navigate to an extension page
// itself, so the click asks the background to open it.
const optionsPageUrl = () => chrome.runtime.getURL("extension/pages/options/index.html");

export function Loading() {
  return (
    <p class="status" role="status">
      Looking for partners…
    </p>
  );
}

/**
 * Why an account has no partners when the server has no such account among the company's: no
 * partner could match it, so "no partners" alone would tell the rep the partners were checked.
 */
export const NOT_LOADED =
  ": it isn't among your company's accounts in cosell-lens, so no partner could be matched to it. Ask your admin to load it.";

export function NoPartners({ known }: { known: boolean }) {
  return (
    <p class="status">
      No partners in this account yet
      {!known && NOT_LOADED}
    </p>
  );
}

export function SignedOut({ openOptions }: { openOptions: () => void }) {
  return (
    <p class="status">
      You're signed out.{" "}
      <a
        href={optionsPageUrl()}
        onClick={(event) => {
          event.preventDefault();
          openOptions();
        }}
      >
        Sign in
      </a>{" "}
      to see partners in this account.
    </p>
  );
}

export function LookupFailed({
  message,
  retry,
  retryButton,
}: {
  message: string;
  retry?: () => void;
  retryButton?: Ref<HTMLButtonElement>;
}) {
  return (
    <div class="status" role="alert">
      <p>Couldn't load partners: {message}</p>
      {retry && (
        <button type="button" class="button" onClick={retry} ref={retryButton}>
          Try again
        </button>
      )}
    </div>
  );
}
