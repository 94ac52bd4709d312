import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, signIn, startStack } from "./harness";
import { ACME_ID, seedBasics, VENDOR_REP } from "./seed";

describe("walking skeleton: Salesforce Lightning account page", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    await seedBasics(stack.database.db);
    stack.crm.setAccounts("salesforce-lightning", [
      { id: ACME_ID, name: "Acme Corporation", website: "https://www.acme.com" },
    ]);
    await signIn(stack, VENDOR_REP.email, VENDOR_REP.password);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it("shows the partners the server found in the account, and only those that share", async () => {
    const page = await stack.browser.context.newPage();
    await page.goto(stack.crm.url("acme.lightning.force.com", `/lightning/r/Account/${ACME_ID}/view`));

    const sidebar = page.getByRole("complementary", { name: "Co-sell partners" });
    const partners = sidebar.getByRole("listitem");
    await partners.first().waitFor();

    expect(await partners.count()).toBe(2);
    await sidebar.getByRole("listitem", { name: "Bluefin Consulting" }).waitFor();
    await sidebar.getByRole("listitem", { name: "Harbor Data" }).waitFor();
    expect(await sidebar.getByText("Quiet Reseller").count()).toBe(0);

    const bluefin = sidebar.getByRole("listitem", { name: "Bluefin Consulting" });
    expect(await bluefin.textContent()).toContain("Dana Whitfield");
    // Harbor shares the relationship but not the owner: the owner's name must not reach the page.
    expect(await sidebar.getByText("Hidden Owner").count()).toBe(0);
    expect(await bluefin.getByRole("button", { name: "Request intro" }).count()).toBe(1);
  });
});
