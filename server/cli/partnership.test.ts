import { describe, expect, it } from "vitest";
import { describeSharing } from "./partnership";

describe("describeSharing", () => {
  it("tells how to find the overlaps of a new partnership", () => {
    expect(
      describeSharing("northwind", "bluefin", {
        created: true,
        rule: { level: "counts", populations: ["customer", "opportunity", "prospect"], fields: [] },
      }),
    ).toBe(
      "Partnered northwind and bluefin. northwind shares with bluefin: overlap counts only.\nRun match --org northwind to find the accounts they have in common (imports run it too).",
    );
  });

  it("says only what changed on an existing partnership", () => {
    expect(
      describeSharing("northwind", "bluefin", {
        created: false,
        rule: { level: "overlaps", populations: ["customer"], fields: ["name"] },
      }),
    ).toBe(
      "Updated northwind and bluefin. northwind shares with bluefin: its overlapping customer accounts, with their name.",
    );
  });
});
