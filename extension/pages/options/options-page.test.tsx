// @vitest-environment happy-dom
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { pageSender } from "../../background/testing/fake-browser";
import { startBackground } from "../../background/testing/harness";

/** The options page, with the real background behind it, open in a tab while things happen elsewhere. */
let root: HTMLElement;

/** Opens the page on the session the background holds now, and waits for its first view. */
async function openOptionsPage(): Promise<void> {
  root = document.createElement("main");
  root.id = "app";
  document.body.append(root);
  // The page's entry renders itself into #app, as index.html loads it.
  await act(async () => {
    await import("./options");
  });
  await expect.poll(() => heading()?.textContent).not.toBeUndefined();
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

  it("keeps the focus where it is on the first load", async () => {
    const background = await startBackground();
    await background.signIn();
    await openOptionsPage();

    expect(document.activeElement).toBe(document.body);
  });
});
