import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Relationship } from "../contract/accounts";
import { scoreInput } from "./arbitraries";
import { rankPartners } from "./rank";
import type { PartnerTrackRecord, ScoreInput, Trait } from "./schemas";
import { combineTraits, scorePartner } from "./score";
import type { SolutionArea } from "./solution-areas";
import { CLASSIFICATION_THRESHOLDS } from "./thresholds";

const TRAITS: Trait[] = ["completeness", "overlap", "willingness"];
// Scores are sums and products of floats; a raise may only "lower" them by rounding noise.
const ROUNDING = 1e-12;

const withRecord = (input: ScoreInput, change: Partial<PartnerTrackRecord>): ScoreInput => ({
  ...input,
  trackRecord: { ...input.trackRecord, ...change },
});

const STRONGER: Record<Relationship | "null", Relationship> = {
  null: "prospect",
  prospect: "opportunity",
  opportunity: "customer",
  customer: "customer",
};

interface Raise {
  trait: Trait;
  apply: (input: ScoreInput) => ScoreInput;
}

/** Each way one trait's inputs can only get better, leaving the other traits' inputs alone. */
const raises: fc.Arbitrary<Raise> = fc.oneof(
  fc.nat().map(
    (pick): Raise => ({
      trait: "completeness",
      // Offer one more area the vendor leaves to partners in every account.
      apply: (input) => {
        const everywhere = (input.vendor?.leavesToPartners ?? []).filter(
          (need) => !need.industries?.length && !need.segments?.length && !need.regions?.length,
        );
        const need = everywhere[pick % Math.max(everywhere.length, 1)];
        if (!need) return input;
        return {
          ...input,
          partner: { ...input.partner, solutionAreas: [...input.partner.solutionAreas, need.area] },
        };
      },
    }),
  ),
  fc.constant<Raise>({
    trait: "completeness",
    // Stop offering areas that only duplicate what the vendor covers.
    apply: (input) => {
      const open = new Set(input.vendor?.leavesToPartners.map((need) => need.area));
      const duplicate = (area: SolutionArea) => !!input.vendor?.covers.includes(area) && !open.has(area);
      const solutionAreas = input.partner.solutionAreas.filter((area) => !duplicate(area));
      return { ...input, partner: { ...input.partner, solutionAreas } };
    },
  }),
  fc.constant<Raise>({
    trait: "overlap",
    apply: (input) => ({
      ...input,
      presence: { relationship: STRONGER[input.presence.relationship ?? "null"] },
    }),
  }),
  fc.constant<Raise>({
    trait: "overlap",
    apply: (input) => {
      const { sharedCustomers, sharedCustomersInTarget } = input.trackRecord;
      return withRecord(input, {
        sharedCustomers: sharedCustomers + 1,
        sharedCustomersInTarget: sharedCustomersInTarget === null ? null : sharedCustomersInTarget + 1,
      });
    },
  }),
  fc.constant<Raise>({
    trait: "overlap",
    // One shared customer outside our target segments turns out to be inside them.
    apply: (input) => {
      const { sharedCustomers, sharedCustomersInTarget } = input.trackRecord;
      if (sharedCustomersInTarget === null) return input;
      return withRecord(input, {
        sharedCustomersInTarget: Math.min(sharedCustomers, sharedCustomersInTarget + 1),
      });
    },
  }),
  fc.constant<Raise>({
    trait: "willingness",
    apply: (input) => withRecord(input, { introsAccepted: input.trackRecord.introsAccepted + 1 }),
  }),
  fc.constant<Raise>({
    trait: "willingness",
    apply: (input) =>
      withRecord(input, { introsDeclined: Math.max(0, input.trackRecord.introsDeclined - 1) }),
  }),
  fc.constant<Raise>({
    trait: "willingness",
    apply: (input) =>
      withRecord(input, {
        introsExpiredUnanswered: Math.max(0, input.trackRecord.introsExpiredUnanswered - 1),
      }),
  }),
  fc.double({ min: 0, max: 1, noNaN: true }).map(
    (factor): Raise => ({
      trait: "willingness",
      apply: (input) => {
        const hours = input.trackRecord.medianResponseHours;
        return withRecord(input, { medianResponseHours: hours === null ? null : hours * factor });
      },
    }),
  ),
  fc.constant<Raise>({
    trait: "willingness",
    apply: (input) => ({ ...input, partner: { ...input.partner, coSellOptIn: true } }),
  }),
);

describe("scorePartner", () => {
  it("keeps every part and the total within [0, 1]", () => {
    fc.assert(
      fc.property(scoreInput, (input) => {
        const score = scorePartner(input);
        for (const value of [...TRAITS.map((trait) => score[trait].score), score.total]) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("never lowers a trait or the total when one trait's inputs get better", () => {
    fc.assert(
      fc.property(scoreInput, raises, (input, raise) => {
        const before = scorePartner(input);
        const after = scorePartner(raise.apply(input));
        expect(after[raise.trait].score).toBeGreaterThanOrEqual(before[raise.trait].score - ROUNDING);
        expect(after.total).toBeGreaterThanOrEqual(before.total - ROUNDING);
      }),
      { numRuns: 500 },
    );
  });

  it("calls a partner adjacent exactly when a trait is under its threshold, and names those traits", () => {
    fc.assert(
      fc.property(scoreInput, (input) => {
        const score = scorePartner(input);
        const short = TRAITS.filter((trait) => score[trait].score < CLASSIFICATION_THRESHOLDS[trait]);
        expect(score.shortfall).toEqual(short);
        expect(score.classification).toBe(short.length === 0 ? "complementary" : "adjacent");
        expect(score.summary).toMatch(short.length === 0 ? /^Complementary: \S/ : /^Adjacent: \S/);
      }),
    );
  });

  it("never calls a partner complementary while it says the partner rarely accepts intros", () => {
    fc.assert(
      fc.property(scoreInput, (input) => {
        const score = scorePartner(input);
        if (score.willingness.explanation.startsWith("Rarely accepts")) {
          expect(score.classification).toBe("adjacent");
          expect(score.summary).toContain("rarely accepts intros");
        }
      }),
    );
  });

  it("explains every part in one plain sentence, never with raw numbers from the formula", () => {
    fc.assert(
      fc.property(scoreInput, (input) => {
        const score = scorePartner(input);
        for (const text of [...TRAITS.map((trait) => score[trait].explanation), score.summary]) {
          expect(text).toMatch(/^[A-Z]/);
          expect(text).not.toMatch(/\n|\d\.\d|undefined|null|NaN|Infinity/);
        }
      }),
    );
  });

  it("is deterministic and leaves its input untouched", () => {
    fc.assert(
      fc.property(scoreInput, (input) => {
        const copy = structuredClone(input);
        expect(scorePartner(input)).toEqual(scorePartner(copy));
        expect(input).toEqual(copy);
      }),
    );
  });
});

describe("combineTraits", () => {
  const unit = fc.double({ min: 0, max: 1, noNaN: true });

  it("stays within [0, 1] and never drops when any one trait rises", () => {
    fc.assert(
      fc.property(
        fc.record({ completeness: unit, overlap: unit, willingness: unit }),
        fc.constantFrom(...TRAITS),
        unit,
        (scores, trait, higher) => {
          const total = combineTraits(scores);
          const raised = combineTraits({ ...scores, [trait]: Math.max(scores[trait], higher) });
          expect(total).toBeGreaterThanOrEqual(0);
          expect(total).toBeLessThanOrEqual(1);
          expect(raised).toBeGreaterThanOrEqual(total);
        },
      ),
    );
  });

  it("reaches 1 only when every trait is perfect", () => {
    expect(combineTraits({ completeness: 1, overlap: 1, willingness: 1 })).toBe(1);
    expect(combineTraits({ completeness: 1, overlap: 1, willingness: 0.9 })).toBeLessThan(1);
  });
});

describe("scorePartner's percentages", () => {
  const shown = (score: number) => Math.round(score * 100);
  const input = (trackRecord: Partial<PartnerTrackRecord>): ScoreInput => ({
    partner: {
      orgId: "7c1d8f2a-3b4e-4f5a-8b6c-000000000001",
      name: "Tailspin Data",
      solutionAreas: ["data_platform"],
      track: "complementary",
      coSellOptIn: true,
    },
    vendor: {
      covers: ["analytics"],
      leavesToPartners: [{ area: "data_platform" }],
      target: { segments: [], industries: [], regions: [] },
    },
    account: { industry: null, segment: null, region: null },
    presence: { relationship: "customer" },
    trackRecord: {
      introsAccepted: 0,
      introsDeclined: 0,
      introsExpiredUnanswered: 0,
      medianResponseHours: null,
      sharedCustomers: 0,
      sharedCustomersInTarget: null,
      ...trackRecord,
    },
  });

  it("calls a part short exactly when the percentage shown for it is under its bar", () => {
    // Accepted 1 of 4, answers in about a day: willingness 39.9%, shown as 40%, the bar.
    const atTheBar = scorePartner(input({ introsAccepted: 1, introsDeclined: 3, medianResponseHours: 27 }));
    expect(shown(atTheBar.willingness.score)).toBe(40);
    expect(atTheBar.classification).toBe("complementary");

    fc.assert(
      fc.property(scoreInput, (generated) => {
        const score = scorePartner(generated);
        for (const trait of TRAITS) {
          const short = shown(score[trait].score) < 100 * CLASSIFICATION_THRESHOLDS[trait];
          expect(score.shortfall.includes(trait)).toBe(short);
        }
      }),
    );
  });

  it("shows 100% only for a perfect part and 0% only for none at all", () => {
    const best = input({ introsAccepted: 1000, medianResponseHours: 0, sharedCustomers: 500 });
    best.partner.solutionAreas = ["implementation_services", "data_platform", "integration", "training"];
    best.vendor!.leavesToPartners = best.partner.solutionAreas.map((area) => ({ area }));
    best.trackRecord.sharedCustomersInTarget = 500;
    const keen = scorePartner(best);
    // Four open needs filled (99.6%), 1000 of 1000 intros accepted at once (99.85%), 500 of 500 in target (99.9%).
    expect([keen.completeness.score, keen.willingness.score, keen.overlap.score]).toEqual([0.99, 0.99, 0.99]);
    expect(keen.total).toBeLessThan(1);

    const reluctant = input({ introsDeclined: 1000, medianResponseHours: 24 * 365 });
    reluctant.partner.coSellOptIn = false;
    // Declined 1000 of 1000 in about a year, outside the programme: 0.13%, but not nothing.
    expect(scorePartner(reluctant).willingness.score).toBe(0.01);
  });

  it("orders partners shown at the same overall fit as ties: complementary first, then by name", () => {
    const zeta = input({ sharedCustomers: 3, sharedCustomersInTarget: 1 });
    zeta.partner = { ...zeta.partner, orgId: "7c1d8f2a-3b4e-4f5a-8b6c-000000000002", name: "Zeta Data" };
    zeta.presence = { relationship: "opportunity" };
    const alpha = input({ sharedCustomers: 0 });
    alpha.partner = { ...alpha.partner, name: "Alpha Data", solutionAreas: ["data_platform", "analytics"] };
    // 75%, 50%, 50% (a hair over 60% in floating point) against 56%, 75%, 50% (59.9%): both show 60%.
    const ranked = rankPartners([scorePartner(zeta), scorePartner(alpha)]);
    expect(ranked.map((score) => [score.partnerName, shown(score.total), score.classification])).toEqual([
      ["Alpha Data", 60, "complementary"],
      ["Zeta Data", 60, "complementary"],
    ]);

    fc.assert(
      fc.property(scoreInput, scoreInput, (a, b) => {
        const [x, y] = [scorePartner(a), scorePartner(b)];
        if (shown(x.total) === shown(y.total)) expect(x.total).toBe(y.total);
      }),
    );
  });
});
