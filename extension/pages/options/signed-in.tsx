import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Session } from "../../messages";
import { send } from "../../send";

const ROLE_LABELS = {
  rep: "Sales rep",
  partner_rep: "Partner rep",
  manager: "Manager",
  admin: "Admin",
} as const;

interface SignedInProps {
  session: Session;
  onSignedOut(): void;
  focusHeading: boolean;
}

/** Who is signed in, in which organisation, on which server, and the way out. */
export function SignedIn({ session, onSignedOut, focusHeading }: SignedInProps) {
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);

  const { user, organisation, role } = session.me;
  return (
    <section aria-labelledby="signed-in-title">
      <h1 id="signed-in-title" tabIndex={-1} ref={heading}>
        Signed in
      </h1>
      <dl class="facts">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Organisation</dt>
        <dd>{organisation.name}</dd>
        <dt>Role</dt>
        <dd>{ROLE_LABELS[role]}</dd>
        <dt>Server</dt>
        <dd>{session.serverUrl}</dd>
      </dl>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          // Signing out always ends the local session, even when the server cannot be told.
          await send("session.signOut", {}).catch(() => {});
          onSignedOut();
        }}
      >
        Sign out
      </button>
    </section>
  );
}
