import { describe, expect, it } from "vitest";
import {
  type CrmUnderTest,
  offlineScenario,
  openAccount,
  sidebarScenarios,
  useSignedInStack,
} from "./crm-sidebar";
import { CRM_ACCOUNTS } from "./seed";
import { sidebarOf, waitForPartners } from "./sidebar";

const DYNAMICS: CrmUnderTest = {
  crm: "dynamics",
  host: "acme.crm.dynamics.com",
  accountPath: (id) =>
    `/main.aspx?appid=1b2c3d4e-0000-4000-8000-00000000a11a&pagetype=entityrecord&etn=account&id=${id}`,
  singlePageApp: true,
  linkAwayFromAccounts: "Contacts",
  hostileAccountId: "0badc0de-0000-4000-8000-000000000666",
};

describe("sidebar on Dynamics 365", () => {
  const stack = useSignedInStack(DYNAMICS);
  sidebarScenarios(DYNAMICS, stack);

  it("stays left to right, its own text in reading order, in an org set to a right-to-left language", async () => {
    const { bluefinOnly } = CRM_ACCOUNTS.dynamics;
    const page = await openAccount(stack(), DYNAMICS, bluefinOnly.id);
    // What Dynamics 365 does for Arabic and Hebrew users.
    await page.evaluate(() => {
      document.documentElement.dir = "rtl";
      document.documentElement.lang = "he";
    });
    const sidebar = sidebarOf(page);
    await waitForPartners(sidebar, ["Bluefin Consulting"]);
    const title = sidebar.getByRole("heading", { name: "Co-sell partners" });
    expect(await title.evaluate((element) => getComputedStyle(element).direction)).toBe("ltr");
    const status = sidebar.getByRole("status").filter({ hasText: "Found 1 partner in this account." });
    expect(await status.evaluate((element) => getComputedStyle(element).direction)).toBe("ltr");
    await page.close();
  });
  offlineScenario(DYNAMICS, stack);
});
