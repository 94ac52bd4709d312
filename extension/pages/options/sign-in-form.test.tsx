// @vitest-environment happy-dom
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Background, PASSWORD, startBackground } from "../../background/testing/harness";
import type { Session } from "../../messages";

/** The sign-in form, with the real background behind it; the user allows every origin asked for. */
let background: Background;
let permissionRequests: number;
/** The origin patterns the extension holds, as Chrome would list them under "Site access". */
let granted: Set<string>;
let root: HTMLElement;
let signedIn: Session | null;

beforeEach(async () => {
  background = await startBackground();
  permissionRequests = 0;
  granted = new Set();
  signedIn = null;
  Object.assign(background.browser, {
    permissions: {
      contains: async ({ origins }: { origins: string[] }) => origins.every((origin) => granted.has(origin)),
      request: async ({ origins }: { origins: string[] }) => {
        permissionRequests++;
        for (const origin of origins) granted.add(origin);
        return true;
      },
      remove: async ({ origins }: { origins: string[] }) => {
        for (const origin of origins) granted.delete(origin);
        return true;
      },
    },
  });
  const { render } = await import("preact");
  const { SignInForm } = await import("./sign-in-form");
  root = document.createElement("main");
  document.body.append(root);
  await act(() =>
    render(
      <SignInForm lastServerUrl="" focusHeading={false} onSignedIn={(session) => (signedIn = session)} />,
      root,
    ),
  );
});

afterEach(() => {
  root.remove();
});

const field = (id: string) => root.querySelector<HTMLInputElement>(`#${id}`)!;

async function signIn(serverUrl: string, email: string, password: string): Promise<void> {
  await act(() => {
    for (const [id, value] of [
      ["server-url", serverUrl],
      ["email", email],
      ["password", password],
    ] as const) {
      field(id).value = value;
      field(id).dispatchEvent(new Event("input"));
    }
  });
  await act(async () => {
    root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
  });
}

describe("the sign-in form", () => {
  // The browser takes "rep@acme" as an email address; the server's check (and the background's)
  // does not. It used to pass the form, ask for the server's permission, and come back from the
  // background as zod's raw JSON in the alert.
  it("says on the Email field that an address without a domain is not one, before asking anything", async () => {
    await signIn("https://cosell.example.com", "rep@acme", PASSWORD);

    expect(field("email").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(field("email"));
    expect(root.querySelector("#email-error")?.textContent).toBe(
      "Enter your email address, such as you@company.com.",
    );
    expect(root.querySelector("[role=alert]")?.textContent).toBe("");
    expect(permissionRequests).toBe(0);
    expect(background.api.requests).toEqual([]);
  });

  // Reps see the form before anything else: it used to offer http://127.0.0.1:8787, the development
  // server's address, which a rep took for the one to use ("Can't reach a cosell-lens server at
  // http://127.0.0.1:8787.") or typed after, into "http://127.0.0.1:8787https://cosell…".
  it("starts with an empty Server URL, showing what an address looks like, and asks for it", async () => {
    expect(field("server-url").value).toBe("");
    expect(field("server-url").placeholder).toBe("https://cosell.example.com");

    await signIn("", "rep@acme.example", PASSWORD);

    expect(document.activeElement).toBe(field("server-url"));
    expect(root.querySelector("#server-url-error")?.textContent).toContain("Enter the server's full address");
    expect(background.api.requests).toEqual([]);
  });

  it("signs in with an address the server takes, asking for the server's permission first", async () => {
    background.api.addUser("rep@acme.example", PASSWORD);
    await signIn("http://127.0.0.1:8787", " rep@acme.example ", PASSWORD);

    await expect.poll(() => signedIn?.me.user.email).toBe("rep@acme.example");
    expect(permissionRequests).toBe(1);
  });

  // README: the extension only has access to the servers you sign in to. A mistyped address used
  // to keep the access granted for it after the sign-in had failed.
  it("gives back the access it was granted for an address where no server answered", async () => {
    background.api.reachable = false;
    await signIn("https://cosell.exmaple.com", "rep@acme.example", PASSWORD);

    await expect
      .poll(() => root.querySelector("[role=alert]")?.textContent)
      .toContain("Can't reach a cosell-lens server at https://cosell.exmaple.com.");
    expect(permissionRequests).toBe(1);
    expect([...granted]).toEqual([]);
  });

  it("keeps the access to a server that answered, so trying another password asks no more", async () => {
    await signIn("https://cosell.example.com", "rep@acme.example", "not the password");
    await expect
      .poll(() => root.querySelector("[role=alert]")?.textContent)
      .toBe("Wrong email or password. Check both and try again.");

    expect([...granted]).toEqual(["https://cosell.example.com/*"]);
  });

  // Sign in stays enabled (and focusable) while it works, so a second press must not sign in twice.
  it("signs in once when Sign in is pressed again while the first sign-in is under way", async () => {
    background.api.addUser("rep@acme.example", PASSWORD);
    await signIn("http://127.0.0.1:8787", "rep@acme.example", PASSWORD);
    const button = root.querySelector("button")!;
    expect(button.getAttribute("aria-disabled")).toBe("true");
    await act(async () => {
      root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    });

    await expect.poll(() => signedIn?.me.user.email).toBe("rep@acme.example");
    expect(background.api.count("POST /v1/auth/sign-in")).toBe(1);
    expect(button.hasAttribute("aria-disabled")).toBe(false);
  });
  // README: failed sign-ins are limited per account and per address, "429 with Retry-After". The
  // form said only "Too many failed sign-ins. Try again later.": a rep tried again at once, and
  // again, without knowing the wait was a quarter of an hour.
  it("says how long to wait when the server refuses more sign-ins for a while", async () => {
    const server = background.api.fetch;
    vi.stubGlobal("fetch", async (input: string | URL | Request, init?: RequestInit) =>
      new URL(String(input)).pathname === "/v1/auth/sign-in"
        ? new Response(
            JSON.stringify({
              error: { code: "too_many_attempts", message: "Too many failed sign-ins. Try again later." },
            }),
            { status: 429, headers: { "content-type": "application/json", "retry-after": "721" } },
          )
        : server(input, init),
    );
    await signIn("http://127.0.0.1:8787", "rep@acme.example", PASSWORD);

    await expect
      .poll(() => root.querySelector("[role=alert]")?.textContent)
      .toBe("Too many failed sign-ins. Try again in 13 minutes.");
  });

  // An address copied from a page of the server (its API reference) or from an API route: the
  // server answers there with its own errors, which read as "Sign in first: the token is missing,
  // expired or revoked." (the /v1/* routes) or "No such endpoint.", not as a wrong address.
  it("says the address is a page of the server, not its address, when a route under it answers", async () => {
    background.api.addUser("rep@acme.example", PASSWORD);
    await signIn("http://127.0.0.1:8787/v1", "rep@acme.example", PASSWORD);

    await expect
      .poll(() => root.querySelector("[role=alert]")?.textContent)
      .toBe(
        "A cosell-lens server answered at http://127.0.0.1:8787/v1, but that is not its address for signing in. Enter the address your admin gave you, without /v1, /reference or anything after it.",
      );
    expect(signedIn).toBeNull();
  });
});

describe("a server published under a path", () => {
  it("signs in there, asking for the whole host's access, and keeps the address as typed", async () => {
    background.api.address = "http://127.0.0.1:8787/cosell";
    background.api.addUser("rep@acme.example", PASSWORD);
    await signIn(" http://127.0.0.1:8787/cosell/ ", "rep@acme.example", PASSWORD);

    await expect.poll(() => signedIn?.serverUrl).toBe("http://127.0.0.1:8787/cosell");
    // Chrome ignores the path of a host permission's pattern: the origin is what is asked for.
    expect([...granted]).toEqual(["http://127.0.0.1:8787/*"]);
    expect(background.api.requests.slice(0, 2)).toEqual([
      "POST /cosell/v1/auth/sign-in",
      "GET /cosell/v1/me",
    ]);
  });

  it("names the address with its path when nothing answers there", async () => {
    background.api.reachable = false;
    await signIn("https://intranet.example.com/cosell/", "rep@acme.example", PASSWORD);

    await expect
      .poll(() => root.querySelector("[role=alert]")?.textContent)
      .toBe(
        "Can't reach a cosell-lens server at https://intranet.example.com/cosell. Check the address and your connection.",
      );
  });

  it("says on the Server URL field that an address with a query is not one, before asking anything", async () => {
    await signIn("https://intranet.example.com/cosell/?team=emea", "rep@acme.example", PASSWORD);

    expect(field("server-url").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(field("server-url"));
    expect(root.querySelector("#server-url-error")?.textContent).toBe(
      "Remove the part from ? or # on: enter only the server's address, such as https://intranet.example.com/cosell.",
    );
    expect(permissionRequests).toBe(0);
    expect(background.api.requests).toEqual([]);
  });
});
