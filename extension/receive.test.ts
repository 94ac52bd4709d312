import { describe, expect, it, vi } from "vitest";
import { createFakeBrowser, EXTENSION_ID } from "./background/testing/fake-browser";
import type { Push } from "./messages";

async function listen() {
  vi.resetModules();
  const browser = createFakeBrowser();
  vi.doMock("webextension-polyfill", () => ({ default: browser }));
  const { onPush } = await import("./receive");
  const received: Push[] = [];
  const life = new AbortController();
  onPush((push) => received.push(push), life.signal);
  return { browser, received, life };
}

const push: Push = {
  name: "partners.changed",
  payload: { recordId: "001A", result: { state: "signed_out" } },
};

describe("onPush", () => {
  it("hands the background's pushes to the handler", async () => {
    const { browser, received } = await listen();

    await browser.deliver(push, { id: EXTENSION_ID });

    expect(received).toEqual([push]);
  });

  it("ignores messages from anyone but this extension", async () => {
    const { browser, received } = await listen();

    await browser.deliver(push, { id: "some-other-extension" });
    await browser.deliver(push, {});

    expect(received).toEqual([]);
  });

  it("ignores messages that are not a push it knows", async () => {
    const { browser, received } = await listen();

    await browser.deliver({ name: "partners.changed", payload: { recordId: 1 } }, { id: EXTENSION_ID });
    await browser.deliver({ name: "something.else", payload: {} }, { id: EXTENSION_ID });

    expect(received).toEqual([]);
  });

  it("stops listening when its signal aborts", async () => {
    const { browser, received, life } = await listen();

    life.abort();
    await browser.deliver(push, { id: EXTENSION_ID });

    expect(received).toEqual([]);
  });
});
