// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { loadCrmPage } from "../../test/fixtures/crm/load-page";
import { salesforceClassic as adapter } from "./salesforce-classic";

const ORG = "https://acme.my.salesforce.com";

function load(file: string, path: string): URL {
  return loadCrmPage("salesforce-classic", file, `${ORG}${path}`);
}

describe("Salesforce Classic URLs", () => {
  it.each([
    ["/001Dn00000AbCdE", "001Dn00000AbCdE"],
    ["/001Dn00000InItCAAS", "001Dn00000InItCAAS"],
    ["/001Dn00000AbCdE?retURL=%2F001%2Fo", "001Dn00000AbCdE"],
  ])("reads the account id from %s", (path, id) => {
    expect(adapter.accountIdFromUrl(new URL(`${ORG}${path}`))).toBe(id);
  });

  it.each([
    ["the Accounts tab", "/001/o"],
    ["a list view", "/001?fcf=00BDn000003XyZa"],
    ["a contact", "/003Dn00000XyZaB"],
    ["an opportunity", "/006Dn00000OpPtY"],
    ["the account edit page", "/001Dn00000AbCdE/e"],
    ["an id of the wrong length", "/001Dn00000AbCd"],
    ["the home page", "/home/home.jsp"],
    ["a setup page", "/setup/forcecomHomepage.apexp"],
  ])("does not treat %s as an account page", (_, path) => {
    expect(adapter.accountIdFromUrl(new URL(`${ORG}${path}`))).toBeNull();
  });

  it.each([
    ["/001/o", true],
    ["/001?fcf=00BDn000003XyZa", true],
    ["/003/o", false],
    ["/001Dn00000AbCdE", false],
  ])("%s is an account list: %s", (path, expected) => {
    expect(adapter.isAccountList(new URL(`${ORG}${path}`))).toBe(expected);
  });

  it.each([
    ["acme.my.salesforce.com", true],
    ["acme--uat.sandbox.my.salesforce.com", true],
    ["na42.salesforce.com", true],
    ["cs17.salesforce.com", true],
    ["login.salesforce.com", false],
    ["acme.lightning.force.com", false],
    ["na42.salesforce.com.example.org", false],
  ])("host %s is Classic: %s", (host, expected) => {
    expect(adapter.matchesHost(new URL(`https://${host}/`))).toBe(expected);
  });
});

describe("reading a Classic account page", () => {
  it("reads the name without the View Hierarchy link, and the website", () => {
    const url = load("account.html", "/001Dn00000AbCdE");

    expect(adapter.readAccount(document, url)).toEqual({
      crm: "salesforce-classic",
      recordId: "001Dn00000AbCdE",
      name: "Acme Corporation",
      website: "www.acme.example",
      missing: [],
    });
  });

  it("strips a [View Hierarchy] suffix that is plain text", () => {
    const url = load("account.html", "/001Dn00000AbCdE");
    document.querySelector("#acc2_ileinner")!.textContent = "Acme Corporation [View Hierarchy]";

    expect(adapter.readAccount(document, url)?.name).toBe("Acme Corporation");
  });

  it("leaves out the brackets Classic writes around the View Hierarchy link", () => {
    const url = load("account.html", "/001Dn00000AbCdE");
    document.querySelector("#acc2_ileinner")!.innerHTML =
      'Acme Corporation&nbsp;[<a href="/acc/account_hierarchy.jsp?id=001Dn00000AbCdE">View Hierarchy</a>]';

    expect(adapter.readAccount(document, url)?.name).toBe("Acme Corporation");
  });

  it("falls back to the page header for the name", () => {
    const url = load("account.html", "/001Dn00000AbCdE");
    document.querySelector("#acc2_ileinner")!.remove();

    expect(adapter.readAccount(document, url)?.name).toBe("Acme Corporation");
  });

  it("reports a missing website when the field is empty", () => {
    const url = loadCrmPage(
      "salesforce-classic",
      "account-no-website.html",
      "https://na42.salesforce.com/001Dn00000InItCAAS",
    );

    expect(adapter.readAccount(document, url)).toEqual({
      crm: "salesforce-classic",
      recordId: "001Dn00000InItCAAS",
      name: "Initech",
      website: null,
      missing: ["website"],
    });
  });

  it("returns null before the detail block is there", () => {
    const url = load("account.html", "/001Dn00000AbCdE");
    for (const element of document.querySelectorAll(".bDetailBlock, #acc2_ileinner")) element.remove();

    expect(adapter.readAccount(document, url)).toBeNull();
  });

  it("finds no account rows in the contacts related list of a detail page", () => {
    load("account.html", "/001Dn00000AbCdE");

    expect(adapter.listRows(document)).toEqual([]);
  });
});

describe("Classic lists", () => {
  const expected = [
    ["001Dn00000AbCdE", "Acme Corporation"],
    ["001Dn00000GlObXIAZ", "Globex Corporation"],
    ["001Dn00000InItC", "Initech"],
  ];

  it("lists the rows of the Accounts tab's basic list", () => {
    load("tab.html", "/001/o");

    expect(adapter.listRows(document).map((row) => [row.recordId, row.name])).toEqual(expected);
  });

  it("lists the rows of an enhanced list view, not its owner links", () => {
    load("list-enhanced.html", "/001?fcf=00BDn000003XyZa");

    const rows = adapter.listRows(document);

    expect(rows.map((row) => [row.recordId, row.name])).toEqual(expected);
    expect(rows[0]?.anchor.closest(".x-grid3-col-ACCOUNT_NAME")).not.toBeNull();
  });
});
