import { describe, expect, it } from "vitest";
import { explainMatch } from "./explain";

describe("explainMatch", () => {
  it("explains a domain match with its domain and confidence", () => {
    expect(
      explainMatch({ leftId: "l", rightId: "r", method: "domain", confidence: 0.98, matchedOn: "acme.com" }),
    ).toBe("Same website domain: acme.com (98% confident)");
  });

  it("explains a name match and why the name had to do", () => {
    expect(
      explainMatch({ leftId: "l", rightId: "r", method: "name", confidence: 0.7, matchedOn: "acme" }),
    ).toBe("Same company name “acme” — no website on record to compare (70% confident)");
  });
});
