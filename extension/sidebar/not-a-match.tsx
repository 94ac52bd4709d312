import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { ActionOutcome } from "./types";

interface NotAMatchProps {
  partnerName: string;
  markWrong(): Promise<ActionOutcome>;
  /** Called once the background has recorded the mistake, so the sidebar can drop the partner. */
  onMarked(): void;
}

/**
 * "Not a match" hides a partner for good, so it asks first: a mis-click must not hide a real partner.
 * The question replaces the button, and focus lands on "Keep", the harmless answer.
 */
export function NotAMatch({ partnerName, markWrong, onMarked }: NotAMatchProps) {
  const [step, setStep] = useState<"idle" | "confirming" | "sending">("idle");
  const [error, setError] = useState<string | null>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useLayoutEffect(() => {
    if (step === "confirming") keepButton.current?.focus();
    if (step === "idle" && returnFocus.current) {
      returnFocus.current = false;
      openButton.current?.focus();
    }
  }, [step]);

  const sending = step === "sending";
  const cancel = () => {
    if (sending) return;
    returnFocus.current = true;
    setStep("idle");
  };

  const confirm = async () => {
    if (sending) return;
    setStep("sending");
    setError(null);
    const outcome = await markWrong();
    if (outcome.ok) {
      onMarked();
      return;
    }
    setError(outcome.message);
    setStep("confirming");
  };

  if (step === "idle") {
    return (
      <button type="button" class="button" ref={openButton} onClick={() => setStep("confirming")}>
        Not a match
      </button>
    );
  }
  return (
    <fieldset
      class="confirm"
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        // Backing out of the question must not also collapse the whole sidebar.
        event.stopPropagation();
        cancel();
      }}
    >
      <legend class="confirm-question">
        Hide <bdi>{partnerName}</bdi> from this account? It tells the matching that these are different
        companies.
      </legend>
      {error && (
        <p class="error" role="alert">
          Couldn't mark <bdi>{partnerName}</bdi> as not a match: {error}
        </p>
      )}
      {/* Not disabled while sending: Chromium would move the focus off the button pressed, out of
          the sidebar to the CRM page, for as long as the server takes. */}
      <button type="button" class="button" ref={keepButton} aria-disabled={sending} onClick={cancel}>
        Keep
      </button>{" "}
      <button type="button" class="button danger" aria-disabled={sending} onClick={() => void confirm()}>
        Yes, not a match
      </button>
    </fieldset>
  );
}
