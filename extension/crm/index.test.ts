import { describe, expect, it } from "vitest";
import { adapterFor } from "./index";

describe("adapterFor", () => {
  it.each([
    ["https://acme.lightning.force.com/lightning/page/home", "salesforce-lightning"],
    ["https://acme--uat.sandbox.lightning.force.com/lightning/page/home", "salesforce-lightning"],
    ["https://acme-dev-ed.develop.lightning.force.com/lightning/page/home", "salesforce-lightning"],
    ["https://acme.my.salesforce.com/001Dn00000AbCdE", "salesforce-classic"],
    ["https://na42.salesforce.com/001Dn00000AbCdE", "salesforce-classic"],
    ["https://app.hubspot.com/contacts/1234567/record/0-2/1", "hubspot"],
    ["https://app-eu1.hubspot.com/contacts/1234567/record/0-2/1", "hubspot"],
    ["https://app-na2.hubspot.com/contacts/1234567/record/0-2/1", "hubspot"],
    ["https://acme.crm.dynamics.com/main.aspx", "dynamics"],
    ["https://acme.crm4.dynamics.com/main.aspx", "dynamics"],
  ])("picks the adapter for %s", (href, crm) => {
    expect(adapterFor(new URL(href))?.crm).toBe(crm);
  });

  it.each([
    "https://evil-lightning.force.com.example.org/lightning/r/Account/001Dn00000AbCdE/view",
    "https://acme.lightning.force.com.example.org/lightning/r/Account/001Dn00000AbCdE/view",
    "https://login.salesforce.com/",
    "https://www.hubspot.com/contacts/1234567/record/0-2/1",
    "https://app.hubspot.com.example.org/contacts/1234567/record/0-2/1",
    "https://acme.crm.dynamics.com.example.org/main.aspx",
    "https://example.org/001Dn00000AbCdE",
  ])("picks no adapter for %s", (href) => {
    expect(adapterFor(new URL(href))).toBeNull();
  });
});
