import { describe, expect, it } from "vitest";
import { ColumnMapError, parseColumnMap } from "./column-map";

describe("parseColumnMap", () => {
  it("reads <csv header>=<field> pairs, splitting at the last =", () => {
    expect(parseColumnMap(["Cust #=crmId", " Revenue = net = industry "])).toEqual({
      "Cust #": "crmId",
      "Revenue = net": "industry",
    });
  });

  it("says a pair written field first should be turned round, naming the pair to write", () => {
    expect(() => parseColumnMap(["crmId=Account Number"])).toThrow(
      new ColumnMapError(
        '"crmId=Account Number" names the field first: write the CSV header, then the field: "Account Number=crmId".',
      ),
    );
  });

  it("says several pairs in one mapping must be given one by one, instead of looking for a header named by all of them", () => {
    expect(() => parseColumnMap(["Account Number=crmId, Company=name"])).toThrow(
      new ColumnMapError(
        '"Account Number=crmId, Company=name" holds several mappings: give each one on its own (repeat --map, or map= in the API): "Account Number=crmId", "Company=name".',
      ),
    );
    expect(() => parseColumnMap(["Account Number=crmId;Company=name;Web=website"])).toThrow(
      /"Web=website"\.$/,
    );
  });
});
