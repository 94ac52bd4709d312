import { describe, expect, it, vi } from "vitest";
import { pageSender } from "./testing/fake-browser";
import { startBackground } from "./testing/harness";

describe("message dispatch", () => {
  it("answers an unknown message with a failure", async () => {
    const background = await startBackground();

    expect(await background.browser.deliver({ name: "tabs.steal", payload: {} }, pageSender())).toMatchObject(
      {
        ok: false,
        code: "bad_message",
      },
    );
  });

  it("turns a handler's crash into a failure the sender can read", async () => {
    const background = await startBackground();
    vi.stubGlobal("indexedDB", {
      open: () => {
        throw new Error("IndexedDB is unavailable");
      },
    });

    expect(await background.browser.deliver({ name: "settings.get", payload: {} }, pageSender())).toEqual({
      ok: false,
      code: "internal",
      message: "IndexedDB is unavailable",
    });
  });
});
