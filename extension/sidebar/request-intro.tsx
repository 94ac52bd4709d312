import { useState } from "preact/hooks";

/**
 * The intro request itself arrives in a later version. Until then the button says so, politely and
 * near where the rep clicked, rather than pretending a request was sent.
 */
export function RequestIntro({ partnerName }: { partnerName: string }) {
  const [notice, setNotice] = useState("");
  return (
    <>
      <button
        type="button"
        class="button primary"
        onClick={() =>
          setNotice(`Intro requests aren't available yet, so nothing was sent to ${partnerName}.`)
        }
      >
        Request intro
      </button>
      {/* Always rendered, so screen readers already watch it when the text arrives. */}
      <p class="item-status" role="status">
        {notice}
      </p>
    </>
  );
}
