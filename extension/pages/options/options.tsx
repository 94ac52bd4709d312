import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Session } from "../../messages";
import { send } from "../../send";
import { SignInForm } from "./sign-in-form";
import { SignedIn } from "./signed-in";

function Options() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [notice, setNotice] = useState("");
  // Focus follows the view only once the person has acted, not on the first load.
  const [acted, setActed] = useState(false);
  useEffect(() => {
    send("session.get", {})
      .then((answer) => setSession(answer.session))
      .catch(() => setSession(null));
  }, []);

  if (session === undefined) return <p role="status">Loading…</p>;
  return session ? (
    <SignedIn
      session={session}
      focusHeading={acted}
      onSignedOut={() => {
        setActed(true);
        setNotice("You're signed out.");
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
