import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankPartners } from "./rank";
import type { Classification, PartnerScore } from "./schemas";

const part = { score: 0.5, explanation: "Example" };

function scored(partnerOrgId: string, partnerName: string, total: number, classification: Classification) {
  return {
    partnerOrgId,
    partnerName,
    completeness: part,
    overlap: part,
    willingness: part,
    total,
    classification,
    shortfall: classification === "adjacent" ? ["willingness"] : [],
    summary: classification === "adjacent" ? "Adjacent: rarely accepts intros" : "Complementary: example",
  } satisfies PartnerScore;
}

// Few distinct totals and names (with case variants) so ties are common.
const scoredList = fc
  .uniqueArray(fc.uuid(), { maxLength: 12 })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc
          .tuple(
            fc.constantFrom("Contoso", "contoso", "Fabrikam", "Partner 2", "Partner 10"),
            fc.constantFrom(0.2, 0.5, 0.8),
            fc.constantFrom<Classification>("complementary", "adjacent"),
          )
          .map(([name, total, classification]) => scored(id, name, total, classification)),
      ),
    ),
  );

describe("rankPartners", () => {
  it("orders by total, highest first", () => {
    fc.assert(
      fc.property(scoredList, (list) => {
        const totals = rankPartners(list).map((score) => score.total);
        expect(totals).toEqual([...totals].sort((a, b) => b - a));
      }),
    );
  });

  it("gives the same order whatever order the partners come in", () => {
    fc.assert(
      fc.property(
        scoredList.chain((list) =>
          fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length })),
        ),
        ([list, shuffled]) => {
          expect(rankPartners(shuffled)).toEqual(rankPartners(list));
        },
      ),
    );
  });

  it("breaks ties by classification, then name (ignoring case, numbers in order), then org id", () => {
    const ranked = rankPartners([
      scored("00000000-0000-4000-8000-000000000005", "Partner 10", 0.5, "complementary"),
      scored("00000000-0000-4000-8000-000000000004", "Aardvark", 0.5, "adjacent"),
      scored("00000000-0000-4000-8000-000000000003", "contoso", 0.5, "complementary"),
      scored("00000000-0000-4000-8000-000000000002", "Partner 2", 0.5, "complementary"),
      scored("00000000-0000-4000-8000-000000000001", "Contoso", 0.5, "complementary"),
      scored("00000000-0000-4000-8000-000000000006", "Zeta", 0.9, "adjacent"),
    ]);
    expect(ranked.map((score) => `${score.partnerName} ${score.partnerOrgId.slice(-1)}`)).toEqual([
      "Zeta 6",
      "Contoso 1",
      "contoso 3",
      "Partner 2 2",
      "Partner 10 5",
      "Aardvark 4",
    ]);
  });

  it("returns a new array and leaves the input order alone", () => {
    const input = [
      scored("00000000-0000-4000-8000-000000000001", "B", 0.1, "adjacent"),
      scored("00000000-0000-4000-8000-000000000002", "A", 0.9, "complementary"),
    ];
    const ranked = rankPartners(input);
    expect(ranked.map((score) => score.partnerName)).toEqual(["A", "B"]);
    expect(input.map((score) => score.partnerName)).toEqual(["B", "A"]);
  });
});
