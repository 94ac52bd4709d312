import { render } from "preact";
import { useState } from "preact/hooks";
import { useSession } from "../use-session";
import { SignInForm } from "./sign-in-form";
import { SignedIn } from "./signed-in";

const SIGNED_OUT_NOTICE = "You're signed out.";

function Options() {
  const [notice, setNotice] = useState("");
  // Focus follows the view only once it changes, here or elsewhere; not on the first load.
  const [acted, setActed] = useState(false);
  const [session, setSession] = useSession((current) => {
    // The view the focus was in goes: the focus moves to the new view's heading, not to <body>.
    setActed(true);
    setNotice(current ? "" : SIGNED_OUT_NOTICE);
  });

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
