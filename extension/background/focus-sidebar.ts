import browser from "webextension-polyfill";
import type { Push } from "../messages";

/** The manifest's name for the keyboard shortcut that brings the sidebar up. */
export const FOCUS_SIDEBAR = "focus-sidebar";

/** Asks the tab's sidebar (top frame) to open and take the focus. */
export async function focusSidebar(tabId: number): Promise<void> {
  const push: Push = { name: "sidebar.focus", payload: {} };
  try {
    await browser.tabs.sendMessage(tabId, push, { frameId: 0 });
  } catch {
    // Not a CRM page, or one whose content script has not loaded: there is no sidebar to show.
  }
}
