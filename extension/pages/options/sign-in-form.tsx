import type { PartialInputHTMLAttributes } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import browser from "webextension-polyfill";
import { SignInRequest } from "../../../src/contract/auth";
import type { Session } from "../../messages";
import { MessageFailure, send } from "../../send";
import { checkServerUrl, type ServerUrlProblem } from "../../server-url";
import { LAST_SERVER_STORAGE_KEY } from "../../session-key";
import { ensureOriginPermission, type OriginAccess, withdrawOriginPermission } from "./permissions";
import { noServerAnswered, signInErrorMessage } from "./sign-in-errors";

/** What an address looks like, shown in the empty field: a rep's first sign-in has no address yet. */
const EXAMPLE_SERVER = "https://cosell.example.com";

type Field = "serverUrl" | "email" | "password";
type FieldErrors = Partial<Record<Field, string>>;

const SERVER_URL_ERRORS: Record<ServerUrlProblem, string> = {
  not_a_url: "Enter the server's full address, starting with https:// — such as https://cosell.example.com.",
  plain_http:
    "Use https:// for this server. Over http:// your password would cross the network unencrypted; http:// is only for a server on this computer.",
  query_or_fragment:
    "Remove the part from ? or # on: enter only the server's address, such as https://intranet.example.com/cosell.",
};

const FIELD_ERRORS = {
  email: "Enter your email address, such as you@company.com.",
  password: "Enter your password.",
} as const;

interface SignInFormProps {
  /** The address the field starts with: the one last signed in to, or "" (./last-server). */
  lastServerUrl: string;
  onSignedIn(session: Session): void;
  focusHeading: boolean;
}

export function SignInForm({ lastServerUrl, onSignedIn, focusHeading }: SignInFormProps) {
  const [serverUrl, setServerUrl] = useState(lastServerUrl);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useLayoutEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFormError(null);
    const checked = checkServerUrl(serverUrl);
    const address = checked.ok ? checked.address : null;
    const errors: FieldErrors = {};
    if (!checked.ok) errors.serverUrl = SERVER_URL_ERRORS[checked.problem];
    // The server's own check: the browser's is looser (it takes "you@company"), and an address the
    // server refuses would otherwise ask for a permission and fail with an unreadable error.
    if (!SignInRequest.shape.email.safeParse(email).success) errors.email = FIELD_ERRORS.email;
    if (!password) errors.password = FIELD_ERRORS.password;
    setFieldErrors(errors);
    const firstInvalid = (Object.keys(errors) as Field[])[0];
    if (firstInvalid || !address) {
      document.getElementById(fieldIds[firstInvalid ?? "serverUrl"])?.focus();
      return;
    }
    setBusy(true);
    let access: OriginAccess = "held";
    // Whether a cosell-lens server answered at the address, even if only to refuse the password.
    let serverAnswered = false;
    try {
      // Asked for here, during the click, because Chrome only shows the prompt for a user gesture.
      access = await ensureOriginPermission(address);
      if (access === "refused") {
        setFormError(`cosell-lens needs your permission to talk to ${address}. Sign in again to allow it.`);
        return;
      }
      const answer = await send("session.signIn", { serverUrl: address, email: email.trim(), password });
      serverAnswered = answer.ok || !noServerAnswered(answer);
      if (answer.ok) {
        await browser.storage.local
          .set({ [LAST_SERVER_STORAGE_KEY]: answer.session.serverUrl })
          .catch(() => {});
        onSignedIn(answer.session);
      } else setFormError(signInErrorMessage(answer, address));
    } catch (error) {
      // The background refused the request itself, such as an address it cannot parse as an email.
      setFormError(error instanceof MessageFailure ? signInErrorMessage(error, address) : String(error));
    } finally {
      // The extension reaches only the servers one signs in to (README): access granted for a
      // mistyped address goes back. A server that answered keeps it, so another password asks
      // nothing more.
      if (access === "granted" && !serverAnswered) await withdrawOriginPermission(address).catch(() => {});
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
      <h1 id="sign-in-title" tabIndex={-1} ref={heading}>
        Sign in to cosell-lens
      </h1>
      <TextField
        field="serverUrl"
        label="Server URL"
        hint="The address your cosell-lens admin gave you."
        type="url"
        placeholder={EXAMPLE_SERVER}
        value={serverUrl}
        onInput={setServerUrl}
        error={fieldErrors.serverUrl}
      />
      <TextField
        field="email"
        label="Email"
        type="email"
        autocomplete="username"
        value={email}
        onInput={setEmail}
        error={fieldErrors.email}
      />
      <TextField
        field="password"
        label="Password"
        type="password"
        autocomplete="current-password"
        value={password}
        onInput={setPassword}
        error={fieldErrors.password}
      />
      <p class="error" role="alert">
        {formError}
      </p>
      {/* Not disabled while busy: Chromium would move the focus off it, to the top of the page. */}
      <button type="submit" aria-disabled={busy || undefined}>
        Sign in
      </button>
      <p role="status" class="hint">
        {busy ? "Signing in…" : ""}
      </p>
    </form>
  );
}

type InputAttributes = Omit<PartialInputHTMLAttributes<HTMLInputElement>, "type" | "role" | "list">;

/** Preact types each input type separately, so the type is picked in full rather than passed on. */
function inputOfType(type: TextFieldProps["type"], attributes: InputAttributes) {
  if (type === "password") return <input type="password" {...attributes} />;
  if (type === "email") return <input type="email" {...attributes} />;
  return <input type="url" {...attributes} />;
}

const fieldIds: Record<Field, string> = { serverUrl: "server-url", email: "email", password: "password" };

interface TextFieldProps {
  field: Field;
  label: string;
  hint?: string;
  placeholder?: string;
  type: "url" | "email" | "password";
  autocomplete?: string;
  value: string;
  onInput(value: string): void;
  error: string | undefined;
}

function TextField({
  field,
  label,
  hint,
  placeholder,
  type,
  autocomplete,
  value,
  onInput,
  error,
}: TextFieldProps) {
  const id = fieldIds[field];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <>
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {inputOfType(type, {
        id,
        required: true,
        autocomplete,
        placeholder,
        value,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy || undefined,
        onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
      })}
      {error && (
        <p id={`${id}-error`} class="error">
          {error}
        </p>
      )}
    </>
  );
}
