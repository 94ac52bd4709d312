/**
 * Long CRM and partner values in the sidebar, in Chromium: German compound names and long domains
 * have no space to wrap at, and the sidebar is only 320 px wide.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, createPartnership, orgBySlug } from "../../server/admin/organisations";
import { upsertAccounts } from "../../server/mapping/accounts";
import { runMatching } from "../../server/mapping/match-run";
import { type Stack, signIn, startStack } from "./harness";
import { seedBasics, VENDOR_REP } from "./seed";
import { sidebarOf } from "./sidebar";

const ACCOUNT = {
  id: "001Dn00000LoNgNIAX",
  name: "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft",
  website: "https://www.donaudampfschifffahrtselektrizitaetenhauptbetriebswerk.example-corporation.com",
};
const PARTNER = "Überdatensystemintegrationsundberatungsgesellschaftmbh";

/** How far the sidebar's content reaches past its width, in px: it scrolls sideways when above 0. */
const sidewaysOverflow = (page: Page) =>
  page.evaluate(() => {
    const body = document.querySelector("cosell-sidebar")!.shadowRoot!.querySelector(".body")!;
    return body.scrollWidth - body.clientWidth;
  });

describe("sidebar with long names", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    const { db } = stack.database;
    await seedBasics(db);
    await createOrg(db, { slug: "long", name: PARTNER });
    await createPartnership(db, {
      orgSlug: "northwind",
      partnerSlug: "long",
      partnerShare: { level: "overlaps", fields: ["name", "relationship"] },
    });
    const account = { name: ACCOUNT.name, websites: [ACCOUNT.website] };
    await upsertAccounts(db, (await orgBySlug(db, "northwind")).id, [
      { ...account, crmId: ACCOUNT.id, relationship: "prospect" },
    ]);
    await upsertAccounts(db, (await orgBySlug(db, "long")).id, [
      { ...account, crmId: "LONG-1", relationship: "customer" },
    ]);
    await runMatching(db);
    stack.crm.setAccounts("salesforce-lightning", [ACCOUNT]);
    await (await signIn(stack, VENDOR_REP.email, VENDOR_REP.password)).close();
  });

  afterAll(async () => {
    await stack?.close();
  });

  // The partner's name is in the Request intro notice, the Not a match question and the message
  // after it; they used to run past the sidebar's edge, cut off behind a sideways scrollbar.
  it("wraps them inside the sidebar, through Request intro and Not a match", async () => {
    const page = await stack.browser.context.newPage();
    await page.goto(stack.crm.url("acme.lightning.force.com", `/lightning/r/Account/${ACCOUNT.id}/view`));
    const sidebar = sidebarOf(page);
    const item = sidebar.getByRole("listitem", { name: PARTNER });
    await item.waitFor();
    await sidebar.getByText(ACCOUNT.name, { exact: false }).waitFor();
    expect(await sidewaysOverflow(page), "account and partner").toBe(0);

    await item.getByRole("button", { name: "Request intro" }).click();
    await item.getByText(`nothing was sent to ${PARTNER}`).waitFor();
    await item.getByRole("button", { name: "Not a match" }).click();
    await item.getByRole("group", { name: new RegExp(`Hide ${PARTNER}`) }).waitFor();
    expect(await sidewaysOverflow(page), "notice and question").toBe(0);

    await item.getByRole("button", { name: "Yes, not a match" }).click();
    await sidebar.getByText(`${PARTNER} is marked as not a match`).waitFor();
    expect(await sidewaysOverflow(page), "message after Not a match").toBe(0);
    await page.close();
  });
});
