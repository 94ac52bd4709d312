// @vitest-environment happy-dom
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Background, startBackground } from "../../background/testing/harness";

/** The toolbar popup, with the real background behind it, opened by a signed-in rep. */
let background: Background;
let root: HTMLElement;

beforeEach(async () => {
  background = await startBackground();
  await background.signIn();
  root = document.createElement("main");
  root.id = "app";
  document.body.append(root);
  // The popup's entry renders itself into #app, as index.html loads it.
  await act(async () => {
    await import("./popup");
  });
  await expect.poll(() => root.textContent).toContain("Signed in as");
});

afterEach(() => {
  root.remove();
});

const button = (name: string) =>
  [...root.querySelectorAll("button")].find((candidate) => candidate.textContent?.trim() === name);

const statuses = () => [...root.querySelectorAll("[role=status]")];

/** Presses Sync now as a keyboard user does, with the focus on it. */
async function clickSyncNow(): Promise<void> {
  await act(async () => {
    const sync = button("Sync now")!;
    sync.focus();
    sync.click();
  });
}

describe("the popup's Sync now", () => {
  it("says when it synced", async () => {
    await clickSyncNow();

    await expect
      .poll(() => statuses().map((status) => status.textContent))
      .toContainEqual(expect.stringMatching(/^Synced at /));
    expect(root.textContent).toContain("Signed in as");
  });

  // A revoked or expired token answers 401: the background signs out, and the popup used to go on
  // saying "Signed in as …" above "Couldn't sync: Your session ended".
  it("shows the signed-out popup when the server has ended the session", async () => {
    background.api.revokeAllTokens();

    await clickSyncNow();

    await expect.poll(() => root.textContent).toContain("You're signed out.");
    expect(root.textContent).not.toContain("Signed in as");
    expect(button("Sync now")).toBeUndefined();
    // The focus was on Sync now, which is gone: it moves to the way back in, not to <body>.
    expect(document.activeElement).toBe(button("Sign in"));
  });

  it("tells screen readers that the session ended, in a status line there before it did", async () => {
    const before = statuses();
    background.api.revokeAllTokens();

    await clickSyncNow();

    await expect.poll(() => root.textContent).toContain("You're signed out.");
    const signedOut = statuses().find((status) => status.textContent === "You're signed out.");
    expect(signedOut).toBeDefined();
    // The same element: a live region added with its text already in it is often not announced.
    expect(before).toContain(signedOut);
  });
});

describe("the popup's Sign out", () => {
  // A rep handing the computer to a colleague looked for Sign out where the popup says who is
  // signed in, and found only Sync now and Settings.
  it("signs out there, and offers to sign in, with the focus on Sign in", async () => {
    await act(async () => {
      const signOut = button("Sign out")!;
      signOut.focus();
      signOut.click();
    });

    await expect.poll(() => root.textContent).toContain("You're signed out.");
    expect(await background.send("session.get", {})).toEqual({ ok: true, session: null });
    expect(background.api.count("POST /v1/auth/sign-out")).toBe(1);
    expect(button("Sync now")).toBeUndefined();
    expect(document.activeElement).toBe(button("Sign in"));
  });
});
