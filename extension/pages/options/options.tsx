import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import browser, { type Storage } from "webextension-polyfill";
import type { Session } from "../../messages";
import { send } from "../../send";
import { SESSION_STORAGE_KEY } from "../../session-key";
import { SignInForm } from "./sign-in-form";
import { SignedIn } from "./signed-in";

const SIGNED_OUT_NOTICE = "You're signed out.";

function Options() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [notice, setNotice] = useState("");
  // Focus follows the view only once it changes, here or elsewhere; not on the first load.
  const [acted, setActed] = useState(false);
  const shown = useRef(session);
  shown.current = session;

  useEffect(() => {
    // Only the newest question's answer counts: answers to earlier ones may describe a session
    // that has changed since.
    let asked = 0;
    const load = async (following: boolean) => {
      const mine = ++asked;
      let current: Session | null;
      try {
        current = (await send("session.get", {})).session;
      } catch {
        // The first load then offers to sign in; a later failure leaves the view as it is.
        if (following) return;
        current = null;
      }
      if (mine !== asked) return;
      if (following && shown.current !== undefined && (current === null) !== (shown.current === null)) {
        // The view the focus was in goes: the focus moves to the new view's heading, not to <body>.
        setActed(true);
        setNotice(current ? "" : SIGNED_OUT_NOTICE);
      }
      setSession(current);
    };
    // A sign-in or sign-out in another tab or in the popup, and a session the server ended, change
    // the stored session: the page follows, so it never offers to sign out of a session that is over.
    const follow = (changes: Record<string, Storage.StorageChange>) => {
      if (SESSION_STORAGE_KEY in changes) void load(true);
    };
    browser.storage.local.onChanged.addListener(follow);
    void load(false);
    return () => browser.storage.local.onChanged.removeListener(follow);
  }, []);

  if (session === undefined) return <p role="status">Loading…</p>;
  return session ? (
    <SignedIn
      session={session}
      focusHeading={acted}
      onSignedOut={() => {
        setActed(true);
        setNotice(SIGNED_OUT_NOTICE);
        setSession(null);
      }}
    />
  ) : (
    <SignInForm
      notice={notice}
      focusHeading={acted}
      onSignedIn={(signedIn) => {
        setActed(true);
        setNotice("");
        setSession(signedIn);
      }}
    />
  );
}

render(<Options />, document.getElementById("app")!);
