import { describe, expect, it } from "vitest";
import {
  parseEmployees,
  segmentFromEmployees,
  segmentFromLabel,
  splitOwner,
  splitWebsites,
  toRelationship,
} from "./values";

describe("toRelationship", () => {
  it.each([
    ["Customer - Direct", "customer"],
    ["Customer - Channel", "customer"],
    ["customer", "customer"],
    ["Evangelist", "customer"],
    ["Opportunity", "opportunity"],
    ["opportunity", "opportunity"],
    ["Sales Qualified Lead", "opportunity"],
    ["salesqualifiedlead", "opportunity"],
    ["Marketing Qualified Lead", "prospect"],
    ["marketingqualifiedlead", "prospect"],
    ["Lead", "prospect"],
    ["subscriber", "prospect"],
    ["Prospect", "prospect"],
    ["Partner", "prospect"],
    ["Technology Partner", "prospect"],
    ["Other", "prospect"],
    ["Former Customer", "prospect"],
    ["Current Customer", "customer"],
    ["Existing client", "customer"],
    ["Customer - Enterprise", "customer"],
    ["Open Opportunity", "opportunity"],
    ["Channel Partner / Reseller", "prospect"],
    ["Installation Partner", "prospect"],
    ["Customer - Churned", "prospect"],
    ["Ex-Customer", "prospect"],
    ["Churned", "prospect"],
    ["Potential Client", "prospect"],
    ["Lost Opportunity", "prospect"],
    ["Influencer", "prospect"],
    ["Supplier", "prospect"],
    ["Kunde", null],
    ["Tier 1", null],
    ["Closed Won", null],
  ])("maps %s to %s", (label, relationship) => {
    expect(toRelationship(label)).toBe(relationship);
  });

  it("reads the export's own values first, whatever their case and punctuation", () => {
    const own = new Map([
      ["kunde", "customer"],
      ["partner", "opportunity"],
    ] as const);
    expect(toRelationship(" KUNDE ", own)).toBe("customer");
    expect(toRelationship("Partner", own)).toBe("opportunity");
    expect(toRelationship("Interessent", own)).toBeNull();
  });
});

describe("segments", () => {
  it.each([
    [0, "smb"],
    [199, "smb"],
    [200, "mid_market"],
    [1999, "mid_market"],
    [2000, "enterprise"],
    [250_000, "enterprise"],
  ])("puts %i employees in %s", (employees, segment) => {
    expect(segmentFromEmployees(employees)).toBe(segment);
  });

  it.each([
    ["SMB", "smb"],
    ["Mid-Market", "mid_market"],
    ["mid_market", "mid_market"],
    ["Enterprise", "enterprise"],
    ["Tier 2", null],
    ["", null],
  ])("reads the label %s as %s", (label, segment) => {
    expect(segmentFromLabel(label)).toBe(segment);
  });
});

describe("parseEmployees", () => {
  it.each([
    ["1200", 1200],
    ["1,200", 1200],
    [" 12 500 ", 12500],
    ["5000+", 5000],
    ["201-500", 201],
    ["1,200.00", 1200],
    ["5.000", 5000],
    ["12.500.000", 12_500_000],
    ["1.000+", 1000],
    ["1.001-5.000", 1001],
    ["1200.00", 1200],
  ])("reads %s as %i", (text, employees) => {
    expect(parseEmployees(text)).toBe(employees);
  });

  it.each(["", "n/a", "about 50", "-5", "1.5"])("finds no count in %s", (text) => {
    expect(parseEmployees(text)).toBeNull();
  });
});

describe("splitWebsites", () => {
  it("splits on semicolons, commas and white space, trims and drops empties, keeping the order", () => {
    expect(
      splitWebsites([
        "acme.com",
        "acme.de; acme.co.uk;;",
        "acme.fr,acme.it , acme.es",
        "acme.nl\nacme.be acme.ch",
        "",
      ]),
    ).toEqual([
      "acme.com",
      "acme.de",
      "acme.co.uk",
      "acme.fr",
      "acme.it",
      "acme.es",
      "acme.nl",
      "acme.be",
      "acme.ch",
    ]);
  });
});

describe("splitOwner", () => {
  it.each([
    ["Priya Raman", { name: "Priya Raman", email: null }],
    ["priya@lumencloud.io", { name: null, email: "priya@lumencloud.io" }],
    ["Priya Raman <priya@lumencloud.io>", { name: "Priya Raman", email: "priya@lumencloud.io" }],
    ["Priya Raman (priya@lumencloud.io)", { name: "Priya Raman", email: "priya@lumencloud.io" }],
    ["  ", { name: null, email: null }],
  ])("reads %s", (text, owner) => {
    expect(splitOwner(text)).toEqual(owner);
  });
});
