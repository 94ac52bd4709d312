// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { loadCrmPage } from "../../test/fixtures/crm/load-page";
import { salesforceLightning as adapter } from "./salesforce-lightning";

const ORG = "https://acme.lightning.force.com";
const ACME = "001Dn00000AbCdE";
const GLOBEX = "001Dn00000GlObX";
const INITECH_18 = "001Dn00000InItCAAS";

function load(file: string, path: string): URL {
  return loadCrmPage("salesforce-lightning", file, `${ORG}${path}`);
}

describe("Salesforce Lightning URLs", () => {
  it.each([
    [`/lightning/r/Account/${ACME}/view`, ACME],
    [`/lightning/r/Account/${INITECH_18}/view`, INITECH_18],
    [`/lightning/r/${ACME}/view`, ACME],
    [`/lightning/app/06mDn000000AbCd/r/Account/${ACME}/view`, ACME],
    [`/lightning/app/c__SalesConsole/r/${ACME}/view`, ACME],
    [`/one/one.app#/sObject/${ACME}/view`, ACME],
    // Links built by components and apps add parameters to the hash route.
    [`/one/one.app#/sObject/${ACME}/view?slideDevName=related`, ACME],
    [`/one/one.app#/sObject/${INITECH_18}/view?core.app=1`, INITECH_18],
    [`/lightning/r/Account/${ACME}/view?ws=%2Flightning%2Fr%2FAccount%2F${ACME}%2Fview`, ACME],
  ])("reads the account id from %s", (path, id) => {
    expect(adapter.accountIdFromUrl(new URL(`${ORG}${path}`))).toBe(id);
    expect(adapter.isAccountList(new URL(`${ORG}${path}`))).toBe(false);
  });

  it.each([
    ["a contact", "/lightning/r/Contact/003Dn00000XyZaB/view"],
    ["a contact without the object segment", "/lightning/r/003Dn00000XyZaB/view"],
    ["an opportunity", "/lightning/r/Opportunity/006Dn00000OpPtY/view"],
    ["an account id under another object name", `/lightning/r/Contact/${ACME}/view`],
    ["a related list of the account", `/lightning/r/Account/${ACME}/related/Contacts/view`],
    ["the account edit dialog", `/lightning/r/Account/${ACME}/edit`],
    ["an id of the wrong length", "/lightning/r/Account/001Dn00000AbCd/view"],
    ["the accounts list view", "/lightning/o/Account/list?filterName=Recent"],
    ["the home page", "/lightning/page/home"],
    ["a setup page", "/lightning/setup/ObjectManager/Account/Details/view"],
    ["a one.app page that is not a record", "/one/one.app#/home"],
    ["a contact in one.app with parameters", "/one/one.app#/sObject/003Dn00000XyZaB/view?core.app=1"],
    ["an account's related list in one.app", `/one/one.app#/sObject/${ACME}/rlName/Contacts/view`],
  ])("does not treat %s as an account page", (_, path) => {
    expect(adapter.accountIdFromUrl(new URL(`${ORG}${path}`))).toBeNull();
  });

  it.each([
    "/lightning/o/Account/list?filterName=Recent",
    "/lightning/o/Account/list?filterName=AllAccounts",
    "/lightning/o/Account/home",
    "/lightning/app/06mDn000000AbCd/o/Account/list?filterName=Recent",
  ])("recognises the account list view %s", (path) => {
    expect(adapter.isAccountList(new URL(`${ORG}${path}`))).toBe(true);
  });

  it.each([
    "/lightning/o/Contact/list?filterName=Recent",
    "/lightning/r/Account/001Dn00000AbCdE/related/Contacts/view",
  ])("does not treat %s as an account list", (path) => {
    expect(adapter.isAccountList(new URL(`${ORG}${path}`))).toBe(false);
  });

  it.each([
    ["acme.lightning.force.com", true],
    ["acme--uat.sandbox.lightning.force.com", true],
    ["acme-dev-ed.develop.lightning.force.com", true],
    ["acme.my.salesforce.com", false],
    ["lightning.force.com.example.org", false],
  ])("host %s is Lightning: %s", (host, expected) => {
    expect(adapter.matchesHost(new URL(`https://${host}/`))).toBe(expected);
  });
});

describe("reading a Lightning account page", () => {
  it("reads the active page, not the previous account's page kept hidden before it", () => {
    const url = load("record.html", `/lightning/r/Account/${ACME}/view`);

    expect(adapter.readAccount(document, url)).toEqual({
      crm: "salesforce-lightning",
      recordId: ACME,
      name: "Acme Corporation",
      website: "https://www.acme.example",
      missing: [],
    });
  });

  it("reads a Website rendered inside native shadow roots", () => {
    const url = load("record.html", `/lightning/r/Account/${ACME}/view`);
    // The fixture really hides the link from querySelector, so only the shadow walk can find it.
    expect(document.querySelector("lightning-formatted-url a")).toBeNull();

    expect(adapter.readAccount(document, url)?.website).toBe("https://www.acme.example");
  });

  it("waits while the new record's page is active but not rendered, instead of reading the previous one", () => {
    const url = load("record-loading.html", `/lightning/r/Account/${INITECH_18}/view`);

    expect(adapter.readAccount(document, url)).toBeNull();
  });

  it("reports a missing website when the record has none", () => {
    const url = load("record-no-website.html", `/lightning/r/Account/${INITECH_18}/view`);

    expect(adapter.readAccount(document, url)).toEqual({
      crm: "salesforce-lightning",
      recordId: INITECH_18,
      name: "Initech",
      website: null,
      missing: ["website"],
    });
  });

  it("finds the Website by its field API name when labels are localised (Dynamic Forms)", () => {
    const url = load("record-dynamic-forms-fr.html", `/lightning/r/Account/${ACME}/view`);

    expect(adapter.readAccount(document, url)).toMatchObject({
      name: "Société Générale des Eaux",
      website: "https://sge.example.fr",
    });
  });

  it("falls back to the first URL field of the details when the label is localised", () => {
    const url = load("record.html", `/lightning/r/Account/${ACME}/view`);
    for (const item of document.querySelectorAll('[field-label="Website"]')) {
      item.setAttribute("field-label", "Site Web");
    }

    expect(adapter.readAccount(document, url)?.website).toBe("https://www.acme.example");
  });

  it("reads the record from the old one.app URL form", () => {
    const url = load("record.html", `/one/one.app#/sObject/${ACME}/view`);

    expect(adapter.readAccount(document, url)?.name).toBe("Acme Corporation");
  });

  it("ignores a page whose own record id is another record's (18- and 15-character ids compare equal)", () => {
    const acme = load("record-id-marked.html", `/lightning/r/Account/${ACME}/view`);
    expect(adapter.readAccount(document, acme)?.name).toBe("Acme Corporation");

    const globex = new URL(`${ORG}/lightning/r/Account/${GLOBEX}/view`);
    expect(adapter.readAccount(document, globex)).toBeNull();
  });

  it("returns null on pages that are not account records", () => {
    const url = load("record.html", "/lightning/r/Contact/003Dn00000XyZaB/view");

    expect(adapter.readAccount(document, url)).toBeNull();
  });

  it("uses the displayed record page when no container marks the active one", () => {
    const url = load("record.html", `/lightning/r/Account/${ACME}/view`);
    for (const container of document.querySelectorAll(".lafPageHost")) container.className = "lafPageHost";
    const [, acmePage] = document.querySelectorAll("one-record-home-flexipage2");

    // Two candidate pages and no layout information (happy-dom): ambiguous, so no guess.
    expect(adapter.readAccount(document, url)).toBeNull();

    vi.spyOn(acmePage!, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 90, 1200, 800));
    expect(adapter.readAccount(document, url)?.name).toBe("Acme Corporation");
  });
});

describe("Lightning console apps", () => {
  const consolePath = (id: string) =>
    `/lightning/r/Account/${id}/view?ws=${encodeURIComponent(`/lightning/r/Account/${id}/view`)}`;

  it("reads the focused workspace tab, even when another workspace comes first", () => {
    const url = load("record-console.html", consolePath(ACME));

    expect(adapter.readAccount(document, url)).toMatchObject({
      recordId: ACME,
      name: "Acme Corporation",
      website: "https://www.acme.example",
    });
  });

  it("follows the focus when the user switches tabs", () => {
    load("record-console.html", consolePath(ACME));
    for (const element of document.querySelectorAll(".oneConsoleTabItem, .oneConsoleTab, .oneWorkspace")) {
      element.classList.toggle("active");
    }

    expect(adapter.readAccount(document, new URL(`${ORG}${consolePath(GLOBEX)}`))).toMatchObject({
      recordId: GLOBEX,
      name: "Globex Corporation",
      website: "https://globex.example",
    });
  });
});

describe("Lightning list views", () => {
  it("lists the account rows of the active list view, not the hidden record page", () => {
    load("list.html", "/lightning/o/Account/list?filterName=Recent");

    const rows = adapter.listRows(document);

    expect(rows.map(({ recordId, name }) => ({ recordId, name }))).toEqual([
      { recordId: "001Dn00000AbCdE", name: "Acme Corporation" },
      { recordId: "001Dn00000GlObXIAZ", name: "Globex Corporation" },
      { recordId: "001Dn00000InItC", name: "Initech" },
    ]);
    expect(rows[0]?.anchor.getAttribute("href")).toBe("/lightning/r/001Dn00000AbCdE/view");
  });

  it("lists the rows of the older Aura list view", () => {
    load("list-aura.html", "/lightning/o/Account/list?filterName=Recent");

    expect(adapter.listRows(document).map((row) => [row.recordId, row.name])).toEqual([
      ["001Dn00000AbCdE", "Acme Corporation"],
      ["001Dn00000GlObXIAZ", "Globex Corporation"],
      ["001Dn00000InItC", "Initech"],
    ]);
  });
});
