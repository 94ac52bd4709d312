import { useState } from "preact/hooks";

/**
 * The intro request itself arrives in a later version. Until then the button says so, politely and
 * near where the rep clicked, rather than pretending a request was sent.
 */
export function RequestIntro({ partnerName }: { partnerName: string }) {
  const [pressed, setPressed] = useState(false);
  return (
    <>
      <button type="button" class="button primary" onClick={() => setPressed(true)}>
        Request intro
      </button>
      {/* Always rendered, so screen readers already watch it when the text arrives. */}
      <p class="item-status" role="status">
        {pressed && (
          <>
            Intro requests aren't available yet, so nothing was sent to <bdi>{partnerName}</bdi>.
          </>
        )}
      </p>
    </>
  );
}
