import { render } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import browser from "webextension-polyfill";
import { send } from "../../send";
import { useSession } from "../use-session";

const timeOfDay = (iso: string) =>
  new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

function Popup() {
  // Set when the session ends (Sync now finding it over, say) or begins elsewhere: the button the
  // focus was on may be gone, so the focus moves to the one that stays, Sign in or Settings.
  const [flipped, setFlipped] = useState(false);
  const [session, setSession] = useSession(() => setFlipped(true));
  const optionsButton = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (flipped) optionsButton.current?.focus();
  }, [flipped, session]);
  if (session === undefined) return <p role="status">Loading…</p>;
  const openOptions = () => void browser.runtime.openOptionsPage();
  return (
    <section aria-labelledby="popup-title">
      <h1 id="popup-title">cosell-lens</h1>
      {/* One status line for both, so that screen readers say it when the session ends (or begins)
          while the popup is open; a live region added with its text in it is often not announced. */}
      <p role="status">
        {session
          ? `Signed in as ${session.me.user.name} at ${session.me.organisation.name}.`
          : "You're signed out."}
      </p>
      {session && <SyncNow />}
      <button type="button" ref={optionsButton} onClick={openOptions}>
        {session ? "Settings" : "Sign in"}
      </button>
      {session && (
        <SignOut
          onSignedOut={() => {
            setFlipped(true);
            setSession(null);
          }}
        />
      )}
    </section>
  );
}

function SyncNow() {
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const sync = async () => {
    setBusy(true);
    setStatus("Syncing…");
    try {
      const answer = await send("sync.now", {});
      setStatus(answer.ok ? `Synced at ${timeOfDay(answer.syncedAt)}.` : `Couldn't sync: ${answer.message}`);
    } catch (error) {
      setStatus(`Couldn't sync: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {/* Not disabled while busy: Chromium would move the focus off it, to <body>. A press meanwhile
          joins the sync under way (background/sync.ts). */}
      <button type="button" aria-disabled={busy || undefined} onClick={() => void sync()}>
        Sync now
      </button>
      <p role="status">{status}</p>
    </>
  );
}

/** The way out, where the popup says who is signed in: handing the computer over, say. */
function SignOut({ onSignedOut }: { onSignedOut(): void }) {
  const [busy, setBusy] = useState(false);
  const signOut = async () => {
    if (busy) return;
    setBusy(true);
    // Signing out always ends the local session, even when the server cannot be told.
    await send("session.signOut", {}).catch(() => {});
    onSignedOut();
  };
  return (
    // Not disabled while busy: Chromium would move the focus off it, to <body>, before the focus
    // moves on to Sign in.
    <button type="button" aria-disabled={busy || undefined} onClick={() => void signOut()}>
      Sign out
    </button>
  );
}

render(<Popup />, document.getElementById("app")!);
