import { describe, expect, it, vi } from "vitest";
import { startBackground } from "./testing/harness";

describe("the keyboard shortcut", () => {
  it("asks the sidebar of the tab it was pressed in to open and take the focus", async () => {
    const background = await startBackground();

    background.browser.fire.command("focus-sidebar", 4);

    await vi.waitFor(() =>
      expect(background.browser.pushes).toEqual([
        { tabId: 4, frameId: 0, message: { name: "sidebar.focus", payload: {} } },
      ]),
    );
  });

  it("does nothing in a tab without a sidebar, and ignores other commands", async () => {
    const background = await startBackground();
    background.browser.closeTab(5);

    background.browser.fire.command("focus-sidebar", 5);
    background.browser.fire.command("something-else", 6);

    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(background.browser.pushes).toEqual([]);
  });
});
