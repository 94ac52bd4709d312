import { render } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import browser from "webextension-polyfill";
import type { Session } from "../../messages";
import { send } from "../../send";

const timeOfDay = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

function Popup() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  // Set when Sync now finds the session over: its button goes, so the focus moves to Sign in.
  const [ended, setEnded] = useState(false);
  const signIn = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (ended) signIn.current?.focus();
  }, [ended]);
  useEffect(() => {
    send("session.get", {})
      .then((answer) => setSession(answer.session))
      .catch(() => setSession(null));
  }, []);
  if (session === undefined) return <p role="status">Loading…</p>;
  const openOptions = () => void browser.runtime.openOptionsPage();
  return (
    <section aria-labelledby="popup-title">
      <h1 id="popup-title">cosell-lens</h1>
      {session ? (
        <>
          <p>
            Signed in as {session.me.user.name} at {session.me.organisation.name}.
          </p>
          <SyncNow
            onSignedOut={() => {
              setEnded(true);
              setSession(null);
            }}
          />
        </>
      ) : (
        <p>You're signed out.</p>
      )}
      <button type="button" ref={signIn} onClick={openOptions}>
        {session ? "Settings" : "Sign in"}
      </button>
    </section>
  );
}

interface SyncNowProps {
  /** The sync found the session over (revoked or expired on the server): the background signed out. */
  onSignedOut(): void;
}

function SyncNow({ onSignedOut }: SyncNowProps) {
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const sync = async () => {
    setBusy(true);
    setStatus("Syncing…");
    try {
      const answer = await send("sync.now", {});
      if (!answer.ok && answer.code === "signed_out") return onSignedOut();
      setStatus(answer.ok ? `Synced at ${timeOfDay(answer.syncedAt)}.` : `Couldn't sync: ${answer.message}`);
    } catch (error) {
      setStatus(`Couldn't sync: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={() => void sync()}>
        Sync now
      </button>
      <p role="status">{status}</p>
    </>
  );
}

render(<Popup />, document.getElementById("app")!);
