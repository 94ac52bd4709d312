/**
 * What every CRM's end-to-end file checks about the sidebar, on that CRM's fixture app under its
 * real hostname. Each file starts one stack (`useSignedInStack`), registers these scenarios, adds its
 * CRM's own, and registers `offlineScenario` last because it stops the API server.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CrmKind } from "../../extension/crm/types";
import type { FixtureAccount } from "../../tools/crm-fixture-server";
import { runAxe } from "./axe";
import { type Stack, signIn, startStack } from "./harness";
import { CRM_ACCOUNTS, seedBasics, VENDOR_REP } from "./seed";
import { focusedInSidebar, partnerNames, sidebarOf, waitForPartners } from "./sidebar";

export interface CrmUnderTest {
  crm: CrmKind;
  host: string;
  /** The path of an account's record page. */
  accountPath(id: string): string;
  /** False for Salesforce Classic, where every link loads a whole new page. */
  singlePageApp: boolean;
  /** The name of a link on an account page that leads to a page that is not an account. */
  linkAwayFromAccounts: string;
  /** An account id in this CRM's format that the server does not know; its name has markup in it. */
  hostileAccountId: string;
}

export const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
export const BOTH_PARTNERS = ["Bluefin Consulting", "Harbor Data"];

const sorted = (names: string[]) => [...names].sort();
const hostnameOf = (website: string) =>
  new URL(/^https?:/.test(website) ? website : `https://${website}`).hostname;

/** One stack for the whole file, signed in as the vendor's rep, with this CRM's accounts served. */
export function useSignedInStack(target: CrmUnderTest, extraAccounts: FixtureAccount[] = []): () => Stack {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
    await seedBasics(stack.database.db);
    const { twoPartners, bluefinOnly } = CRM_ACCOUNTS[target.crm];
    stack.crm.setAccounts(target.crm, [
      twoPartners,
      bluefinOnly,
      { id: target.hostileAccountId, name: HOSTILE_NAME, website: null },
      ...extraAccounts,
    ]);
    const options = await signIn(stack, VENDOR_REP.email, VENDOR_REP.password);
    await options.close();
  });
  afterAll(async () => {
    await stack?.close();
  });
  return () => stack;
}

export async function openAccount(stack: Stack, target: CrmUnderTest, id: string): Promise<Page> {
  const page = await stack.browser.context.newPage();
  await page.goto(stack.crm.url(target.host, target.accountPath(id)));
  return page;
}

export function sidebarScenarios(target: CrmUnderTest, stack: () => Stack): void {
  const { twoPartners, bluefinOnly } = CRM_ACCOUNTS[target.crm];

  it("lists the partners in the account, each named, with how it was matched and Request intro", async () => {
    const page = await openAccount(stack(), target, twoPartners.id);
    const sidebar = sidebarOf(page);
    await expect.poll(() => partnerNames(sidebar).then(sorted), { timeout: 15_000 }).toEqual(BOTH_PARTNERS);

    // The account line shows the website the adapter read from the page (in Lightning, from
    // inside native shadow roots), so the match did not fall back to the record id alone.
    await sidebar.getByText(`${twoPartners.name} · ${hostnameOf(twoPartners.website!)}`).waitFor();
    expect(await sidebar.getByText("Couldn't read").count()).toBe(0);

    const bluefin = sidebar.getByRole("listitem", { name: "Bluefin Consulting" });
    expect(await bluefin.textContent()).toContain("Dana Whitfield");
    expect(await bluefin.textContent()).toMatch(/website domain|Same website/i);
    expect(await bluefin.getByRole("button", { name: "Request intro" }).count()).toBe(1);
    // Harbor shares its relationship but not its owner, and Quiet Reseller shares counts only.
    expect(await sidebar.getByText("Hidden Owner").count()).toBe(0);
    expect(await sidebar.getByText("Quiet Reseller").count()).toBe(0);
    await page.close();
  });

  it("follows the rep to the next account, and goes away on a page that is not an account", async () => {
    const page = await openAccount(stack(), target, twoPartners.id);
    const sidebar = sidebarOf(page);
    await expect.poll(() => partnerNames(sidebar).then(sorted), { timeout: 15_000 }).toEqual(BOTH_PARTNERS);
    // Tag the panel, to tell below whether the same one stayed or a new one replaced it.
    await page.evaluate(() => {
      (document.querySelector("cosell-sidebar") as HTMLElement & { kept?: boolean }).kept = true;
    });

    await page.getByRole("link", { name: bluefinOnly.name, exact: true }).first().click();
    await waitForPartners(sidebar, ["Bluefin Consulting"]);
    await sidebar.getByText(`${bluefinOnly.name} · ${hostnameOf(bluefinOnly.website!)}`).waitFor();
    expect(await page.locator("cosell-sidebar").count()).toBe(1);
    if (target.singlePageApp) {
      const kept = await page.evaluate(
        () => (document.querySelector("cosell-sidebar") as HTMLElement & { kept?: boolean }).kept,
      );
      expect(kept, "the panel stays while the rep moves between accounts").toBe(true);
    }

    await page.getByRole("link", { name: target.linkAwayFromAccounts, exact: true }).first().click();
    await sidebar.waitFor({ state: "detached" });

    await page.goBack();
    await waitForPartners(sidebar, ["Bluefin Consulting"]);
    await page.close();
  });

  it("shows an account name with markup and a script in it as text, and runs none of it", async () => {
    const page = await openAccount(stack(), target, target.hostileAccountId);
    const sidebar = sidebarOf(page);
    await sidebar.getByText("No partners in this account yet").waitFor();
    await sidebar.getByText(HOSTILE_NAME).waitFor();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(
      await page.evaluate(
        () => document.querySelector("cosell-sidebar")?.shadowRoot?.querySelectorAll("img, script").length,
      ),
    ).toBe(0);
    await page.close();
  });

  it("keeps the CRM's aggressive CSS out of the sidebar", async () => {
    const page = await openAccount(stack(), target, twoPartners.id);
    const title = sidebarOf(page).getByRole("heading", { name: "Co-sell partners" });
    await title.waitFor();
    const style = await title.evaluate((element) => {
      const computed = getComputedStyle(element);
      return {
        fontSize: computed.fontSize,
        letterSpacing: computed.letterSpacing,
        fontFamily: computed.fontFamily,
        color: computed.color,
      };
    });
    // What sidebar.css says, where the fixture page forces 30px red Comic Sans on everything.
    expect(style.fontSize).toBe("15px");
    expect(style.letterSpacing).toBe("normal");
    expect(style.fontFamily).not.toMatch(/comic/i);
    expect(style.color).not.toBe("rgb(255, 0, 0)");
    const button = sidebarOf(page).getByRole("button", { name: "Request intro" }).first();
    expect(await button.evaluate((element) => getComputedStyle(element).backgroundColor)).not.toBe(
      "rgb(255, 255, 0)",
    );
    await page.close();
  });

  it("has no serious or critical accessibility violations, in light and in dark mode", async () => {
    const page = await openAccount(stack(), target, twoPartners.id);
    const sidebar = sidebarOf(page);
    await expect.poll(() => partnerNames(sidebar).then(sorted), { timeout: 15_000 }).toEqual(BOTH_PARTNERS);
    // Open the score breakdowns too, so their contents are checked.
    for (const why of await sidebar.getByText("Why this partner").all()) await why.click();
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const report = await runAxe(page, "cosell-sidebar");
      expect(report.violations, `${colorScheme} mode`).toEqual([]);
      expect(report.checkedElements, "axe looked inside the sidebar").toBeGreaterThan(5);
    }
    await page.close();
  });

  it("works by keyboard alone: Tab reaches Request intro with a visible focus, Escape collapses", async () => {
    const page = await openAccount(stack(), target, twoPartners.id);
    const sidebar = sidebarOf(page);
    await expect.poll(() => partnerNames(sidebar).then(sorted), { timeout: 15_000 }).toEqual(BOTH_PARTNERS);

    await sidebar.getByRole("button", { name: "Hide co-sell partners" }).focus();
    let focused = await focusedInSidebar(page);
    for (let presses = 0; presses < 10 && focused?.text !== "Request intro"; presses++) {
      await page.keyboard.press("Tab");
      focused = await focusedInSidebar(page);
      expect(focused?.outline, `focus on "${focused?.text}" is visible`).toMatch(/^solid [1-9]/);
    }
    expect(focused?.text).toBe("Request intro");
    await page.keyboard.press("Enter");
    await sidebar.getByText("Intro requests aren't available yet").waitFor();

    await page.keyboard.press("Escape");
    const show = sidebar.getByRole("button", { name: "Show co-sell partners" });
    await show.waitFor();
    expect(await show.getAttribute("aria-expanded")).toBe("false");
    expect((await focusedInSidebar(page))?.text).toMatch(/^Show co-sell partners/i);
    await sidebar.getByRole("listitem").first().waitFor({ state: "hidden" });

    // Remembered: the next page starts collapsed, and Enter on the tab opens it again.
    await page.reload();
    await show.waitFor();
    await show.focus();
    await page.keyboard.press("Enter");
    await sidebar.getByRole("button", { name: "Hide co-sell partners" }).waitFor();
    await sidebar.getByRole("listitem").first().waitFor();
    await page.close();
  });
}

/** Registered last in a file: it stops the API server. */
export function offlineScenario(target: CrmUnderTest, stack: () => Stack): void {
  it("shows the saved partners with an offline notice when the server is down", async () => {
    const { twoPartners } = CRM_ACCOUNTS[target.crm];
    await stack().api.stop();
    const page = await openAccount(stack(), target, twoPartners.id);
    const sidebar = sidebarOf(page);
    // In a status line, so that screen readers say it as well.
    await sidebar
      .getByRole("status")
      .filter({ hasText: /Offline — showing saved data from today \d{1,2}:\d{2}/ })
      .waitFor({ timeout: 20_000 });
    expect(sorted(await partnerNames(sidebar))).toEqual(BOTH_PARTNERS);
    await page.close();
  });
}
