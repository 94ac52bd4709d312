import { describe, expect, it } from "vitest";
import { LISTED_VALUES, UnrecognisedRelationshipTally } from "./unrecognised-relationships";

describe("UnrecognisedRelationshipTally", () => {
  it("is null when every value was recognised", () => {
    expect(new UnrecognisedRelationshipTally().summary("prospect")).toBeNull();
  });

  it("counts values that read the same as one, under the first spelling, most rows first", () => {
    const tally = new UnrecognisedRelationshipTally();
    for (const value of ["Aktiv", " Kunde", "KUNDE", "kunde ", "Aktiv"]) tally.add(value);
    tally.add("Bestand");
    expect(tally.summary("opportunity")).toEqual({
      rows: 6,
      importedAs: "opportunity",
      values: [
        { value: "Kunde", rows: 3 },
        { value: "Aktiv", rows: 2 },
        { value: "Bestand", rows: 1 },
      ],
    });
  });

  it("lists a bounded number of values and shortens long ones, but counts every row", () => {
    const tally = new UnrecognisedRelationshipTally();
    for (let i = 0; i < LISTED_VALUES + 5; i++) tally.add(`value ${i} ${"x".repeat(200)}`);
    const summary = tally.summary("prospect")!;
    expect(summary.rows).toBe(LISTED_VALUES + 5);
    expect(summary.values).toHaveLength(LISTED_VALUES);
    expect(summary.values[0]!.value).toMatch(/^value \d+ x+…$/);
    expect(summary.values[0]!.value.length).toBe(101);
  });
});
