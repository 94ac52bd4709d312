import { describe, expect, it } from "vitest";
import { parseRelationshipValues, RelationshipValuesError } from "./relationship-values";

describe("parseRelationshipValues", () => {
  it("reads value=relationship pairs, keyed as the importer compares values", () => {
    expect(parseRelationshipValues(["Kunde=customer", "Interessent = prospect", "A=B=opportunity"])).toEqual(
      new Map([
        ["kunde", "customer"],
        ["interessent", "prospect"],
        ["ab", "opportunity"],
      ]),
    );
  });

  it("accepts the same value twice with the same relationship", () => {
    expect(parseRelationshipValues(["Kunde=customer", "KUNDE=customer"])).toEqual(
      new Map([["kunde", "customer"]]),
    );
  });

  it("reads the relationship whatever its case, as the README says of both sides", () => {
    expect(parseRelationshipValues(["Kunde=Customer", "Tier 1 = OPPORTUNITY"])).toEqual(
      new Map([
        ["kunde", "customer"],
        ["tier1", "opportunity"],
      ]),
    );
  });

  it.each([
    ["Kunde", /is not <value>=<relationship>/],
    ["=customer", /is not <value>=<relationship>/],
    ["Kunde=", /is not <value>=<relationship>/],
    ["Kunde=client", /must be one of customer, opportunity, prospect/],
    ["--=customer", /no letters or digits/],
  ])("refuses %j, saying why", (pair, message) => {
    expect(() => parseRelationshipValues([pair])).toThrow(RelationshipValuesError);
    expect(() => parseRelationshipValues([pair])).toThrow(message);
  });

  it("refuses one value given two relationships", () => {
    expect(() => parseRelationshipValues(["Kunde=customer", "kunde=prospect"])).toThrow(
      /already given as customer/,
    );
  });
});
