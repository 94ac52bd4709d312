import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useSession } from "../use-session";
import { useLastServer } from "./last-server";
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
  const lastServerUrl = useLastServer();

  // index.html's title names the sign-in form; signed in, the tab says so instead.
  useEffect(() => {
    if (session !== undefined) document.title = `cosell-lens · ${session ? "Signed in" : "Sign in"}`;
  }, [session]);

  if (session === undefined || lastServerUrl === undefined) return <p role="status">Loading…</p>;
  return (
    <>
      {/* Outside both views, so that it stays while the view changes and screen readers say its new
          text; a live region that arrives with its text in it, as the form does, is often not. */}
      <p class="notice" role="status">
        {notice}
      </p>
      {session ? (
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
          lastServerUrl={lastServerUrl}
          focusHeading={acted}
          onSignedIn={(signedIn) => {
            setActed(true);
            setNotice("");
            setSession(signedIn);
          }}
        />
      )}
    </>
  );
}

render(<Options />, document.getElementById("app")!);
