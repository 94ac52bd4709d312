/** Finding the sidebar and reading it the way assistive technology does: by role and name. */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

export const sidebarOf = (page: Page): Locator =>
  page.getByRole("complementary", { name: "Co-sell partners" });

/** The partner names, in the order the sidebar lists them. */
export async function partnerNames(sidebar: Locator): Promise<string[]> {
  return sidebar.getByRole("listitem").getByRole("heading").allTextContents();
}

/** Waits until the sidebar lists exactly these partners, in this order. */
export async function waitForPartners(sidebar: Locator, names: string[]): Promise<void> {
  await expect.poll(() => partnerNames(sidebar), { timeout: 15_000 }).toEqual(names);
}

/** The element focused inside the sidebar's shadow root, described by its text and focus outline. */
export async function focusedInSidebar(page: Page): Promise<{ text: string; outline: string } | null> {
  return page.evaluate(() => {
    const focused = document.querySelector("cosell-sidebar")?.shadowRoot?.activeElement;
    if (!focused) return null;
    const style = getComputedStyle(focused);
    return {
      text: focused.textContent?.trim() ?? "",
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
    };
  });
}
