import { describe, expect, it } from "vitest";
import { type ColumnMapping, detectColumns, type Field } from "./columns";
import { AccountsCsvError } from "./errors";

const SALESFORCE_REPORT = [
  "Account Owner",
  "Account Owner Email",
  "Account Name",
  "Type",
  "Account ID",
  "Website",
  "Industry",
  "Employees",
  "Annual Revenue",
  "Billing State/Province",
  "Billing Country",
  "Last Modified Date",
];

const HUBSPOT_EXPORT = [
  "Record ID",
  "Company name",
  "Company owner",
  "Create Date",
  "Company Domain Name",
  "Website URL",
  "Additional Domains",
  "Industry",
  "Number of Employees",
  "Country/Region",
  "Lifecycle Stage",
  "Last Modified Date",
];

/** field → headers feeding it, in the order they are tried. */
function headersByField(mapping: ColumnMapping): Partial<Record<Field, string[]>> {
  const result: Partial<Record<Field, string[]>> = {};
  for (const column of mapping.columns)
    result[column.field] = [...(result[column.field] ?? []), column.header];
  return result;
}

function errorOf(run: () => unknown): AccountsCsvError {
  try {
    run();
  } catch (error) {
    if (error instanceof AccountsCsvError) return error;
    throw error;
  }
  throw new Error("expected an AccountsCsvError");
}

describe("detectColumns", () => {
  it("recognises a Salesforce account report export", () => {
    const mapping = detectColumns(SALESFORCE_REPORT);
    expect(mapping.format).toBe("salesforce");
    expect(headersByField(mapping)).toEqual({
      crmId: ["Account ID"],
      name: ["Account Name"],
      website: ["Website"],
      relationship: ["Type"],
      ownerName: ["Account Owner"],
      ownerEmail: ["Account Owner Email"],
      industry: ["Industry"],
      employees: ["Employees"],
      region: ["Billing Country", "Billing State/Province"],
      updatedAt: ["Last Modified Date"],
    });
    expect(mapping.ignored).toEqual(["Annual Revenue"]);
    expect(mapping.headerCount).toBe(SALESFORCE_REPORT.length);
  });

  it("tries the 18-character Salesforce id before the 15-character one", () => {
    const mapping = detectColumns(["Account ID", "Account Name", "Type", "Account ID (18)"]);
    expect(headersByField(mapping).crmId).toEqual(["Account ID (18)", "Account ID"]);
    expect(mapping.columns.find((column) => column.header === "Account ID (18)")?.index).toBe(3);
  });

  it("recognises Salesforce Data Loader API names", () => {
    const mapping = detectColumns([
      "Id",
      "Name",
      "Type",
      "BillingCountry",
      "Owner.Email",
      "LastModifiedDate",
    ]);
    expect(mapping.format).toBe("salesforce");
    expect(headersByField(mapping)).toMatchObject({
      crmId: ["Id"],
      name: ["Name"],
      region: ["BillingCountry"],
      ownerEmail: ["Owner.Email"],
      updatedAt: ["LastModifiedDate"],
    });
  });

  it("recognises a HubSpot companies export, with every website column", () => {
    const mapping = detectColumns(HUBSPOT_EXPORT);
    expect(mapping.format).toBe("hubspot");
    expect(headersByField(mapping)).toEqual({
      crmId: ["Record ID"],
      name: ["Company name"],
      website: ["Company Domain Name", "Website URL", "Additional Domains"],
      relationship: ["Lifecycle Stage"],
      ownerName: ["Company owner"],
      industry: ["Industry"],
      employees: ["Number of Employees"],
      region: ["Country/Region"],
      updatedAt: ["Last Modified Date"],
    });
    expect(mapping.ignored).toEqual(["Create Date"]);
  });

  it("matches headers regardless of case, spacing and a byte order mark", () => {
    const mapping = detectColumns(["\uFEFFrecord  id", " COMPANY NAME ", "lifecycle\tstage"]);
    expect(mapping.format).toBe("hubspot");
    expect(headersByField(mapping)).toEqual({
      crmId: ["\uFEFFrecord  id"],
      name: [" COMPANY NAME "],
      relationship: ["lifecycle\tstage"],
    });
  });

  it("uses only the forced format's headers", () => {
    const error = errorOf(() => detectColumns(SALESFORCE_REPORT, { format: "hubspot" }));
    expect(error.message).toContain("crmId");
  });

  describe("with a column mapping", () => {
    it("maps odd headers and reports the format as custom", () => {
      const mapping = detectColumns(["Cust #", "Company", "Status", "Notes"], {
        map: { "cust #": "crmId", Company: "name", STATUS: "relationship" },
      });
      expect(mapping.format).toBe("custom");
      expect(headersByField(mapping)).toEqual({
        crmId: ["Cust #"],
        name: ["Company"],
        relationship: ["Status"],
      });
      expect(mapping.columns.every((column) => column.mapped)).toBe(true);
      expect(mapping.ignored).toEqual(["Notes"]);
    });

    it("overrides recognition for the fields it names and keeps recognition for the rest", () => {
      const mapping = detectColumns([...SALESFORCE_REPORT, "Sales Region"], {
        map: { "Sales Region": "region", "Account Owner": "ownerEmail" },
      });
      const byField = headersByField(mapping);
      expect(byField.region).toEqual(["Sales Region"]);
      expect(byField.ownerEmail).toEqual(["Account Owner"]);
      expect(byField.ownerName).toBeUndefined();
      expect(byField.crmId).toEqual(["Account ID"]);
      expect(mapping.ignored).toEqual([
        "Account Owner Email",
        "Annual Revenue",
        "Billing State/Province",
        "Billing Country",
      ]);
    });

    it("binds the header as written before one that only normalises alike", () => {
      const mapping = detectColumns(["Cust", "Cust #", "Company", "Status"], {
        map: { " cust # ": "crmId", Company: "name", Status: "relationship" },
      });
      expect(mapping.columns.find((column) => column.field === "crmId")).toMatchObject({
        header: "Cust #",
        index: 1,
      });
      expect(mapping.ignored).toEqual(["Cust"]);
    });

    it("refuses a mapping whose header normalises like two of the file's, naming both", () => {
      const error = errorOf(() =>
        detectColumns(["Cust", "Cust #", "Company", "Status"], { map: { "Cust.": "crmId" } }),
      );
      expect(error.message).toBe(
        'Column mapping names "Cust.", which could be any of "Cust", "Cust #". Write the header exactly as it is in the file.',
      );
    });

    it("rejects an unknown field, listing the fields", () => {
      const error = errorOf(() => detectColumns(SALESFORCE_REPORT, { map: { Website: "domain" } }));
      expect(error.message).toContain('"domain": unknown field');
      expect(error.message).toContain("crmId, name, website, relationship");
    });

    it("rejects a header that is not in the file, listing the headers", () => {
      const error = errorOf(() => detectColumns(["Id", "Name", "Type"], { map: { Territory: "region" } }));
      expect(error.message).toContain('"Territory", which is not in the file');
      expect(error.message).toContain('Headers seen: "Id", "Name", "Type"');
    });
  });

  describe("when a required column is missing", () => {
    it("names every missing field and lists the headers seen", () => {
      const error = errorOf(() => detectColumns(["Cust #", "Company", "Web"]));
      expect(error.message).toMatch(
        /^Missing required columns: crmId \(looked for .*"Account ID".*"Record ID"/,
      );
      expect(error.message).toContain("name (looked for");
      expect(error.message).toContain("relationship (looked for");
      expect(error.message).toContain('Headers seen: "Cust #", "Company", "Web"');
    });

    it("names only what is missing", () => {
      const error = errorOf(() => detectColumns(["Account ID", "Account Name", "Website"]));
      expect(error.message).toMatch(/^Missing required column: relationship \(/);
      expect(error.message).toContain("or set a default relationship");
    });

    it("does not need a relationship column when a default relationship is given", () => {
      const mapping = detectColumns(["Account ID", "Account Name"], { defaultRelationship: "customer" });
      expect(headersByField(mapping)).toEqual({ crmId: ["Account ID"], name: ["Account Name"] });
    });
  });
});
