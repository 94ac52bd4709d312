// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { loadCrmPage } from "../../test/fixtures/crm/load-page";
import { hubspot as adapter } from "./hubspot";

const APP = "https://app.hubspot.com";
const COMPANY_PATH = "/contacts/1234567/record/0-2/9876543210";

function loadCompany(file = "company.html"): URL {
  return loadCrmPage("hubspot", file, `${APP}${COMPANY_PATH}`);
}

function removeDomainProperty(): void {
  for (const label of document.querySelectorAll('[data-selenium-test="property-label"]')) {
    if (label.textContent === "Company domain name") label.parentElement!.remove();
  }
}

describe("HubSpot URLs", () => {
  it.each([
    [COMPANY_PATH, "9876543210"],
    [`${COMPANY_PATH}/`, "9876543210"],
    [`${COMPANY_PATH}/view/1`, "9876543210"],
    ["/contacts/1234567/company/9876543210", "9876543210"],
    ["/contacts/1234567/company/9876543210/?interaction=note", "9876543210"],
  ])("reads the company id from %s", (path, id) => {
    expect(adapter.accountIdFromUrl(new URL(`${APP}${path}`))).toBe(id);
  });

  it.each([
    ["a contact", "/contacts/1234567/record/0-1/501"],
    ["a legacy contact", "/contacts/1234567/contact/501"],
    ["a deal", "/contacts/1234567/record/0-3/777"],
    ["a custom object record", "/contacts/1234567/record/2-1234/55"],
    ["the companies index", "/contacts/1234567/objects/0-2/views/all/list"],
    ["a record path without id", "/contacts/1234567/record/0-2/"],
    ["a settings page", "/settings/1234567/properties"],
  ])("does not treat %s as a company page", (_, path) => {
    expect(adapter.accountIdFromUrl(new URL(`${APP}${path}`))).toBeNull();
  });

  it.each([
    ["/contacts/1234567/objects/0-2/views/all/list", true],
    ["/contacts/1234567/objects/0-2/views/4242/list", true],
    ["/contacts/1234567/objects/0-1/views/all/list", false],
    ["/contacts/1234567/objects/0-3/views/all/board", false],
  ])("%s is the companies index: %s", (path, expected) => {
    expect(adapter.isAccountList(new URL(`${APP}${path}`))).toBe(expected);
  });

  it.each([
    ["app.hubspot.com", true],
    ["app-eu1.hubspot.com", true],
    ["app-na2.hubspot.com", true],
    ["www.hubspot.com", false],
    ["app.hubspot.com.example.org", false],
  ])("host %s is HubSpot: %s", (host, expected) => {
    expect(adapter.matchesHost(new URL(`https://${host}/`))).toBe(expected);
  });
});

describe("reading a HubSpot company", () => {
  it("reads the name from the highlight card and the domain property", () => {
    const url = loadCompany();

    expect(adapter.readAccount(document, url)).toEqual({
      crm: "hubspot",
      recordId: "9876543210",
      name: "Acme Corporation",
      website: "acme.example",
      missing: [],
    });
  });

  it("reads the domain being edited from its input", () => {
    const url = loadCompany();
    const input = document.createElement("input");
    input.setAttribute("data-selenium-test", "property-input-domain");
    input.value = "acme-renamed.example";
    document.querySelector('[data-card-type="ABOUT"]')!.append(input);

    expect(adapter.readAccount(document, url)?.website).toBe("acme-renamed.example");
  });

  it("falls back to the highlight card's link, skipping social links", () => {
    const url = loadCompany();
    removeDomainProperty();

    expect(adapter.readAccount(document, url)?.website).toBe("acme.example");
  });

  it("reports a missing website when neither the property nor a link shows it", () => {
    const url = loadCompany();
    removeDomainProperty();
    document.querySelector('[data-selenium-test="company-highlight-details"] a[href^="http://"]')!.remove();

    expect(adapter.readAccount(document, url)).toEqual({
      crm: "hubspot",
      recordId: "9876543210",
      name: "Acme Corporation",
      website: null,
      missing: ["website"],
    });
  });

  it("returns null while the sidebar is still loading", () => {
    const url = loadCompany("company-loading.html");

    expect(adapter.readAccount(document, url)).toBeNull();
  });

  it("returns null on a contact record", () => {
    loadCompany();

    expect(adapter.readAccount(document, new URL(`${APP}/contacts/1234567/record/0-1/501`))).toBeNull();
  });
});

describe("HubSpot companies index", () => {
  it("lists the rendered rows with their company ids", () => {
    loadCrmPage("hubspot", "list.html", `${APP}/contacts/1234567/objects/0-2/views/all/list`);

    const rows = adapter.listRows(document);

    expect(rows.map((row) => [row.recordId, row.name])).toEqual([
      ["9876543210", "Acme Corporation"],
      ["9876543211", "Globex Corporation"],
      ["9876543212", "Initech"],
    ]);
    expect(rows[0]?.anchor.getAttribute("data-test-id")).toBe("truncated-object-label");
  });

  it("takes the id from the row's link when the cell's external id does not carry it", () => {
    loadCrmPage("hubspot", "list.html", `${APP}/contacts/1234567/objects/0-2/views/all/list`);
    for (const cell of document.querySelectorAll("[data-table-external-id]")) {
      cell.setAttribute("data-table-external-id", "name-cell");
    }

    expect(adapter.listRows(document).map((row) => row.recordId)).toEqual([
      "9876543210",
      "9876543211",
      "9876543212",
    ]);
  });
});
