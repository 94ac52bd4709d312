import { describe, expect, it } from "vitest";
import { describeMatching } from "./match";

describe("describeMatching", () => {
  it("says one account and one overlap in the singular", () => {
    expect(
      describeMatching({
        partnerships: 1,
        keys: { accounts: 1, changed: 1 },
        accountsMatched: 1,
        overlapsAdded: 1,
        overlapsRemoved: 1,
      }),
    ).toBe(
      "Checked the match keys of 1 account: 1 changed under the current rules.\nMatched 1 account across 1 partnership: 1 overlap added or updated, 1 removed.",
    );
  });

  it("counts several in the plural", () => {
    expect(
      describeMatching({ partnerships: 2, accountsMatched: 30, overlapsAdded: 2, overlapsRemoved: 0 }),
    ).toBe("Matched 30 accounts across 2 partnerships: 2 overlaps added or updated, 0 removed.");
  });
});
