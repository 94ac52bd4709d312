// @vitest-environment happy-dom
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pageSender } from "../../background/testing/fake-browser";
import { PASSWORD, startBackground } from "../../background/testing/harness";
import { LAST_SERVER_STORAGE_KEY } from "../../session-key";

/** The options page, with the real background behind it, open in a tab while things happen elsewhere. */
let root: HTMLElement;

/** Opens the page on the session the background holds now, and waits for its first view. */
async function openOptionsPage(): Promise<void> {
  await startOptionsPage();
  await expect.poll(() => heading()?.textContent).not.toBeUndefined();
}

async function startOptionsPage(): Promise<void> {
  root = document.createElement("main");
  root.id = "app";
  document.body.append(root);
  // The page's entry renders itself into #app, as index.html loads it.
  await act(async () => {
    await import("./options");
  });
}

afterEach(() => {
  root.remove();
});

const heading = () => root.querySelector("h1");
const button = (name: string) =>
  [...root.querySelectorAll("button")].find((candidate) => candidate.textContent?.trim() === name);

describe("the options page follows the session", () => {
  it("shows the sign-in form when the rep signs out in the popup", async () => {
    const background = await startBackground();
    await background.signIn();
    await openOptionsPage();
    expect(heading()?.textContent).toBe("Signed in");
    button("Sign out")!.focus();

    await background.send("session.signOut", {}, pageSender("extension/pages/popup/index.html"));

    await expect.poll(() => heading()?.textContent).toBe("Sign in to cosell-lens");
    expect(root.querySelector("[role=status]")?.textContent).toBe("You're signed out.");
    // The Sign out button that had the focus is gone: the focus moves to the heading, not <body>.
    expect(document.activeElement).toBe(heading());
  });

  it("tells screen readers that the session ended, in a status line there before it did", async () => {
    const background = await startBackground();
    await background.signIn();
    await openOptionsPage();
    const before = [...root.querySelectorAll("[role=status]")];

    background.api.revokeAllTokens();
    await background.send("sync.now", {});

    await expect.poll(() => heading()?.textContent).toBe("Sign in to cosell-lens");
    const notice = [...root.querySelectorAll("[role=status]")].find(
      (status) => status.textContent === "You're signed out.",
    );
    expect(notice).toBeDefined();
    // The same element: a live region added with its text already in it is often not announced,
    // and the focus moving to the heading reads only the heading.
    expect(before).toContain(notice);
  });

  it("shows the sign-in form when a sync finds that the server ended the session", async () => {
    const background = await startBackground();
    await background.signIn();
    await openOptionsPage();

    background.api.revokeAllTokens();
    expect(await background.send("sync.now", {})).toMatchObject({ ok: false, code: "signed_out" });

    await expect.poll(() => heading()?.textContent).toBe("Sign in to cosell-lens");
    expect(root.querySelector("[role=status]")?.textContent).toBe("You're signed out.");
  });

  it("shows who is signed in when the rep signs in in another tab", async () => {
    const background = await startBackground();
    await openOptionsPage();
    expect(heading()?.textContent).toBe("Sign in to cosell-lens");
    root.querySelector<HTMLInputElement>("#email")!.focus();

    await background.signIn("rep@acme.example");

    await expect.poll(() => heading()?.textContent).toBe("Signed in");
    expect(root.querySelector("dl")?.textContent).toContain("rep@acme.example");
    expect(document.activeElement).toBe(heading());
  });

  // The tab's title is what a screen reader says on switching to the tab, and what the tab strip
  // shows: it said "Sign in" over the page saying who is signed in.
  it("names the tab after the view it shows", async () => {
    const background = await startBackground();
    await background.signIn();
    await openOptionsPage();
    // The title follows the view in an effect, after the view has rendered.
    await expect.poll(() => document.title).toBe("cosell-lens · Signed in");

    await background.send("session.signOut", {}, pageSender("extension/pages/popup/index.html"));

    await expect.poll(() => heading()?.textContent).toBe("Sign in to cosell-lens");
    await expect.poll(() => document.title).toBe("cosell-lens · Sign in");
  });

  it("keeps the focus where it is on the first load", async () => {
    const background = await startBackground();
    await background.signIn();
    await openOptionsPage();

    expect(document.activeElement).toBe(document.body);
  });
});

describe("the server address", () => {
  const field = (id: string) => root.querySelector<HTMLInputElement>(`#${id}`)!;

  // Reps sign out to let a colleague sign in, and sign in again when a session ends after 14 days.
  // The Server URL used to come back as http://127.0.0.1:8787, the development server, and the rep
  // had to find the address the admin sent again.
  it("is the one last signed in to, after signing out and on a page opened afterwards", async () => {
    const background = await startBackground();
    background.api.address = "http://127.0.0.1:8787/cosell";
    background.api.addUser("rep@acme.example", PASSWORD);
    Object.assign(background.browser, {
      permissions: { contains: async () => true, request: async () => true, remove: async () => true },
    });
    await openOptionsPage();
    await act(() => {
      for (const [id, value] of [
        ["server-url", "http://127.0.0.1:8787/cosell/"],
        ["email", "rep@acme.example"],
        ["password", PASSWORD],
      ] as const) {
        field(id).value = value;
        field(id).dispatchEvent(new Event("input"));
      }
    });
    await act(async () => {
      root.querySelector("form")!.dispatchEvent(new Event("submit", { cancelable: true }));
    });
    await expect.poll(() => heading()?.textContent).toBe("Signed in");

    await act(async () => button("Sign out")!.click());
    await expect.poll(() => heading()?.textContent).toBe("Sign in to cosell-lens");
    await expect.poll(() => field("server-url").value).toBe("http://127.0.0.1:8787/cosell");
    expect(field("email").value).toBe("");
    expect(field("password").value).toBe("");

    // Opened again later, as the sidebar's Sign in link does when the session has ended.
    root.remove();
    vi.resetModules();
    await openOptionsPage();
    await expect.poll(() => field("server-url").value).toBe("http://127.0.0.1:8787/cosell");
  });

  // Filled in after the form appeared, the address landed in the middle of what the rep had begun
  // to type, as "https://cosell.example.comhttps://other…", when the read was slow.
  it("is in the field from the moment the form appears, however slowly storage answers", async () => {
    const background = await startBackground();
    const local = background.browser.storage.local;
    await local.set({ [LAST_SERVER_STORAGE_KEY]: "https://cosell.example.com" });
    // Signed in before the page opened: the page does not hear of that write.
    await new Promise((resolve) => setTimeout(resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const get = local.get.bind(local);
    local.get = async (keys) => {
      if (keys === LAST_SERVER_STORAGE_KEY) await answered;
      return get(keys);
    };
    const runtime = background.browser.runtime;
    const sendMessage = runtime.sendMessage;
    let sessionTold = false;
    runtime.sendMessage = async (message) => {
      const reply = await sendMessage(message);
      sessionTold = true;
      return reply;
    };
    await startOptionsPage();
    // The page knows the session, and has drawn what it knows.
    await expect.poll(() => sessionTold).toBe(true);
    await act(async () => {});
    expect(root.textContent).toBe("Loading…");
    expect(root.querySelector("#server-url")).toBeNull();

    await act(async () => answer());
    await expect.poll(() => heading()?.textContent).toBe("Sign in to cosell-lens");
    expect(field("server-url").value).toBe("https://cosell.example.com");
  });

  it("starts empty when storage cannot be read", async () => {
    const background = await startBackground();
    background.browser.storage.local.get = async () => {
      throw new Error("storage is unavailable");
    };
    await openOptionsPage();
    await expect.poll(() => heading()?.textContent).toBe("Sign in to cosell-lens");
    expect(field("server-url").value).toBe("");
  });
});
