import { describe, expect, it } from "vitest";
import {
  BOTH_PARTNERS,
  type CrmUnderTest,
  offlineScenario,
  openAccount,
  sidebarScenarios,
  useSignedInStack,
} from "./crm-sidebar";
import { ACME_ID, GLOBEX_ID, LONELY_ID } from "./seed";
import { focusedInSidebar, partnerNames, sidebarOf, waitForPartners } from "./sidebar";

const LIGHTNING: CrmUnderTest = {
  crm: "salesforce-lightning",
  host: "acme.lightning.force.com",
  accountPath: (id) => `/lightning/r/Account/${id}/view`,
  singlePageApp: true,
  linkAwayFromAccounts: "Pat Example",
  hostileAccountId: "001Dn00000XsSzzIAX",
};

/**
 * Initech, the Salesforce Classic account of the seed: the same record id in Lightning's URL, and
 * an account that no other test of this file opens.
 */
const SYNCED_ONLY = { id: "001Dn00000InItC", name: "Initech", website: "https://www.initech.com" };

/** Known to nobody: the server has no such account and the extension has never looked it up. */
const NEWCOMER_ID = "001Dn00000NeWcOIAX";

const sorted = (names: string[]) => [...names].sort();

describe("sidebar on Salesforce Lightning", () => {
  const stack = useSignedInStack(LIGHTNING, [
    { id: LONELY_ID, name: "Lonely Widgets", website: null },
    { id: NEWCOMER_ID, name: "Newcomer Ltd", website: "newcomer.example" },
    SYNCED_ONLY,
  ]);

  sidebarScenarios(LIGHTNING, stack);

  it("follows the focused console tab, ignoring the records kept in the other tabs", async () => {
    const page = await stack().browser.context.newPage();
    await page.goto(
      stack().crm.url(LIGHTNING.host, `/lightning/app/c__SalesConsole/r/Account/${ACME_ID}/view`),
    );
    const sidebar = sidebarOf(page);
    await expect.poll(() => partnerNames(sidebar).then(sorted), { timeout: 15_000 }).toEqual(BOTH_PARTNERS);

    await page.getByRole("tab", { name: "Globex" }).click();
    await waitForPartners(sidebar, ["Bluefin Consulting"]);
    await sidebar.getByText("Globex · globex.io").waitFor();

    await page.getByRole("tab", { name: "Acme Corporation" }).click();
    await expect.poll(() => partnerNames(sidebar).then(sorted)).toEqual(BOTH_PARTNERS);
    await sidebar.getByText("Acme Corporation · www.acme.com").waitFor();
    await page.close();
  });

  it("says so when the record shows no website, and still looks partners up by the record id", async () => {
    const page = await openAccount(stack(), LIGHTNING, LONELY_ID);
    const sidebar = sidebarOf(page);
    // One of the company's accounts: no partner is in it, and that is all there is to say.
    await sidebar.getByText("No partners in this account yet", { exact: true }).waitFor();
    await sidebar
      .getByText("Couldn't read the website on this page. Partners are still found by the record id.")
      .waitFor();
    await sidebar.getByText("Lonely Widgets").waitFor();
    await page.close();
  });

  it("asks before Not a match, then drops the partner for good", async () => {
    const page = await openAccount(stack(), LIGHTNING, GLOBEX_ID);
    const sidebar = sidebarOf(page);
    await waitForPartners(sidebar, ["Bluefin Consulting"]);

    await sidebar.getByRole("button", { name: "Not a match" }).click();
    const question = sidebar.getByRole("group", { name: /Hide Bluefin Consulting from this account\?/ });
    await question.getByRole("button", { name: "Keep" }).click();
    await waitForPartners(sidebar, ["Bluefin Consulting"]);

    await sidebar.getByRole("button", { name: "Not a match" }).click();
    await question.getByRole("button", { name: "Yes, not a match" }).click();
    await sidebar
      .getByText("Bluefin Consulting is marked as not a match and won't be shown for this account.")
      .waitFor();
    expect(await sidebar.getByRole("listitem").count()).toBe(0);
    // Said once: the status line does not go on to announce the partners left.
    expect(await sidebar.getByRole("status").filter({ hasText: /Found/ }).count()).toBe(0);

    await page.reload();
    await sidebar.getByText("No partners in this account yet").waitFor();
    await page.close();
  });

  offlineScenario(LIGHTNING, stack);

  it("explains each partner offline in an account it knows only from the last sync", async () => {
    // Synced at sign-in and never opened before: its partners were never looked up one by one.
    const page = await openAccount(stack(), LIGHTNING, SYNCED_ONLY.id);
    const sidebar = sidebarOf(page);
    await sidebar.getByText(/Offline — showing saved data from/).waitFor({ timeout: 20_000 });
    expect(sorted(await partnerNames(sidebar))).toEqual(BOTH_PARTNERS);
    for (const partner of BOTH_PARTNERS) {
      const item = sidebar.getByRole("listitem", { name: partner });
      await item.getByText("Why this partner").click();
      await item.getByText(/^(Complementary|Adjacent)$/).waitFor();
      await item.getByText(/^Overall fit \d+%$/).waitFor();
    }
    await page.close();
  });

  it("offers Try again when an account is not saved and the server is down, and recovers", async () => {
    const page = await openAccount(stack(), LIGHTNING, NEWCOMER_ID);
    const sidebar = sidebarOf(page);
    await sidebar
      .getByRole("alert")
      .getByText(/Couldn't load partners: Can't reach the server/)
      .waitFor();

    await stack().restartApi();
    await sidebar.getByRole("button", { name: "Try again" }).click();
    // The server has no such account: nothing was matched, which "no partners" alone would hide.
    await sidebar
      .getByText(
        "No partners in this account yet: it isn't among your company's accounts in cosell-lens, so no partner could be matched to it. Ask your admin to load it.",
      )
      .waitFor();
    await page.close();
  });

  it("opens and takes the focus when the keyboard shortcut's message reaches the tab", async () => {
    const page = await openAccount(stack(), LIGHTNING, ACME_ID);
    const sidebar = sidebarOf(page);
    await sidebar.getByRole("listitem").first().waitFor();
    await sidebar.getByRole("button", { name: "Hide co-sell partners" }).click();
    const title = sidebar.getByRole("heading", { name: "Co-sell partners" });
    await title.waitFor({ state: "detached" });

    // What the background sends when the shortcut is pressed (focus-sidebar.ts): Chrome's shortcut
    // keys themselves cannot be pressed from a test.
    await page.bringToFront();
    await stack().browser.serviceWorker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      await chrome.tabs.sendMessage(tab!.id!, { name: "sidebar.focus", payload: {} }, { frameId: 0 });
    });

    await title.waitFor();
    await expect
      .poll(() =>
        title.evaluate((heading) => (heading.getRootNode() as ShadowRoot).activeElement === heading),
      )
      .toBe(true);
    // The last thing the rep did on the page was a click, but the shortcut is a keyboard action:
    // where the focus went must show.
    expect((await focusedInSidebar(page))?.outline).toMatch(/^solid [1-9]/);
    await page.close();
  });

  // Last: Chromium does not bring back an unpacked extension reloaded this way, so nothing can follow.
  it("removes its sidebar from open tabs when the extension is reloaded or updated", async () => {
    const page = await openAccount(stack(), LIGHTNING, ACME_ID);
    const sidebar = sidebarOf(page);
    await sidebar.getByRole("listitem").first().waitFor();

    // The old worker dies while answering, so its answer never comes.
    void stack()
      .browser.serviceWorker.evaluate(() => chrome.runtime.reload())
      .catch(() => {});
    await page.locator("cosell-sidebar").waitFor({ state: "detached" });
    await page.close();
  });
});
