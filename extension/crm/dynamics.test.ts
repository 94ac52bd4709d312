// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { loadCrmPage } from "../../test/fixtures/crm/load-page";
import { dynamics as adapter } from "./dynamics";

const ORG = "https://acme.crm.dynamics.com";
const APP_ID = "1b2c3d4e-0000-4000-8000-00000000a11a";
const ACME = "5f3e0a7b-2c1d-4e8f-9a6b-0c1d2e3f4a5b";

function load(file: string, query: string): URL {
  return loadCrmPage("dynamics", file, `${ORG}/main.aspx?${query}`);
}

describe("Dynamics 365 URLs", () => {
  it.each([
    `appid=${APP_ID}&pagetype=entityrecord&etn=account&id=${ACME}`,
    `id=${ACME}&etn=account&pagetype=entityrecord&appid=${APP_ID}`,
    `appid=${APP_ID}&pagetype=entityrecord&etn=account&id=%7B${ACME.toUpperCase()}%7D`,
    `appid=${APP_ID}&pagetype=entityrecord&etn=account&id={${ACME}}`,
    `pagetype=EntityRecord&etn=Account&id=${ACME}`,
  ])("reads the bare lower-case GUID from main.aspx?%s", (query) => {
    expect(adapter.accountIdFromUrl(new URL(`${ORG}/main.aspx?${query}`))).toBe(ACME);
  });

  it.each([
    ["a contact", `pagetype=entityrecord&etn=contact&id=${ACME}`],
    ["an opportunity", `pagetype=entityrecord&etn=opportunity&id=${ACME}`],
    ["a new account form", `pagetype=entityrecord&etn=account`],
    ["a malformed id", `pagetype=entityrecord&etn=account&id=not-a-guid`],
    ["the accounts grid", `pagetype=entitylist&etn=account`],
    ["a dashboard", `pagetype=dashboard&id=${ACME}`],
  ])("does not treat %s as an account page", (_, query) => {
    expect(adapter.accountIdFromUrl(new URL(`${ORG}/main.aspx?${query}`))).toBeNull();
  });

  it("requires the main.aspx page", () => {
    expect(
      adapter.accountIdFromUrl(new URL(`${ORG}/other.aspx?pagetype=entityrecord&etn=account&id=${ACME}`)),
    ).toBeNull();
  });

  it.each([
    [`appid=${APP_ID}&pagetype=entitylist&etn=account&viewid=00000000-0000-0000-00aa-000010001001`, true],
    [`etn=account&pagetype=entitylist`, true],
    [`pagetype=entitylist&etn=contact`, false],
    [`pagetype=entityrecord&etn=account&id=${ACME}`, false],
  ])("main.aspx?%s is the accounts grid: %s", (query, expected) => {
    expect(adapter.isAccountList(new URL(`${ORG}/main.aspx?${query}`))).toBe(expected);
  });

  it.each([
    ["acme.crm.dynamics.com", true],
    ["acme.crm4.dynamics.com", true],
    ["acme.crm11.dynamics.com", true],
    ["www.dynamics.com", false],
    ["acme.crm.dynamics.com.example.org", false],
  ])("host %s is Dynamics: %s", (host, expected) => {
    expect(adapter.matchesHost(new URL(`https://${host}/`))).toBe(expected);
  });
});

describe("reading a Dynamics account form", () => {
  it("reads the title without its save state, and the website input", () => {
    const url = load(
      "account.html",
      `appid=${APP_ID}&pagetype=entityrecord&etn=account&id={${ACME.toUpperCase()}}`,
    );

    expect(adapter.readAccount(document, url)).toEqual({
      crm: "dynamics",
      recordId: ACME,
      name: "Acme Corporation",
      website: "https://www.acme.example",
      missing: [],
    });
  });

  it("reads the website the user is typing (the input's value, not its attribute)", () => {
    const url = load("account.html", `pagetype=entityrecord&etn=account&id=${ACME}`);
    const input = document.querySelector<HTMLInputElement>(
      '[data-id="websiteurl.fieldControl-url-text-input"]',
    )!;
    input.value = "https://acme-new.example";

    expect(adapter.readAccount(document, url)?.website).toBe("https://acme-new.example");
  });

  it("strips an Unsaved state and reports a missing website", () => {
    const url = load("account-no-website.html", `pagetype=entityrecord&etn=account&id=${ACME}`);

    expect(adapter.readAccount(document, url)).toEqual({
      crm: "dynamics",
      recordId: ACME,
      name: "Initech",
      website: null,
      missing: ["website"],
    });
  });

  it.each([
    ["in the user's language", " - Gespeichert"],
    ["written without a space before its dash", "- Saved"],
  ])("reads the title without its save state %s", (_, saveStatus) => {
    const url = load("account.html", `pagetype=entityrecord&etn=account&id=${ACME}`);
    document.querySelector('[data-id="header_saveStatus"]')!.textContent = saveStatus;

    expect(adapter.readAccount(document, url)?.name).toBe("Acme Corporation");
  });

  it("returns null before the form header renders", () => {
    const url = load("account.html", `pagetype=entityrecord&etn=account&id=${ACME}`);
    document.querySelector('[data-id="header_title"]')!.remove();

    expect(adapter.readAccount(document, url)).toBeNull();
  });
});

describe("Dynamics grids", () => {
  it("lists the Power Apps grid rows with the GUIDs from their links, skipping the header row", () => {
    load("grid.html", `appid=${APP_ID}&pagetype=entitylist&etn=account`);

    const rows = adapter.listRows(document);

    expect(rows.map((row) => [row.recordId, row.name])).toEqual([
      [ACME, "Acme Corporation"],
      ["0a1b2c3d-1111-4222-8333-444455556666", "Globex Corporation"],
      ["9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a", "Initech"],
    ]);
    expect(rows[0]?.anchor.localName).toBe("a");
  });

  it("skips rows whose name links to another table's records", () => {
    load("grid.html", `appid=${APP_ID}&pagetype=entitylist&etn=account`);
    for (const link of document.querySelectorAll('[col-id="name"] a')) {
      link.setAttribute("href", link.getAttribute("href")!.replace("etn=account", "etn=contact"));
    }

    expect(adapter.listRows(document)).toEqual([]);
  });

  it("identifies rows of the read-only grid by name alone", () => {
    load("grid-readonly.html", `pagetype=entitylist&etn=account`);

    expect(adapter.listRows(document).map((row) => [row.recordId, row.name])).toEqual([
      [null, "Acme Corporation"],
      [null, "Globex Corporation"],
      [null, "Initech"],
    ]);
  });
});
