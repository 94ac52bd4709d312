import { describe, expect, it } from "vitest";
import type { PartnerProfile, PartnerTrackRecord } from "./schemas";
import { CLASSIFICATION_THRESHOLDS } from "./thresholds";
import { assessWillingness } from "./willingness";

const partner = (coSellOptIn: boolean): PartnerProfile => ({
  orgId: "7c1d8f2a-3b4e-4f5a-8b6c-000000000001",
  name: "Tailspin Data",
  solutionAreas: ["data_platform"],
  track: "complementary",
  coSellOptIn,
});

function intros(
  introsAccepted: number,
  introsDeclined: number,
  introsExpiredUnanswered = 0,
  medianResponseHours: number | null = null,
): PartnerTrackRecord {
  return {
    introsAccepted,
    introsDeclined,
    introsExpiredUnanswered,
    medianResponseHours,
    sharedCustomers: 0,
    sharedCustomersInTarget: 0,
  };
}

const willingness = (record: PartnerTrackRecord, optedIn = true) =>
  assessWillingness(partner(optedIn), record);

describe("assessWillingness", () => {
  it("lets a long record count for more than a lucky or unlucky first intro", () => {
    expect(willingness(intros(1, 0)).score).toBeLessThan(willingness(intros(9, 1)).score);
    expect(willingness(intros(0, 1)).score).toBeGreaterThan(willingness(intros(0, 10)).score);
  });

  it("keeps a partner with no history in the middle", () => {
    const fresh = willingness(intros(0, 0));
    expect(fresh.score).toBeGreaterThan(willingness(intros(0, 3)).score);
    expect(fresh.score).toBeLessThan(willingness(intros(3, 0)).score);
  });

  it("prefers partners that answer faster", () => {
    const hours = [1, 12, 48, 24 * 7, 24 * 30].map((median) => willingness(intros(5, 5, 0, median)).score);
    expect(hours).toEqual([...hours].sort((a, b) => b - a));
    expect(new Set(hours).size).toBe(hours.length);
  });

  it("counts intros that expired unanswered against the partner", () => {
    expect(willingness(intros(2, 0, 8)).score).toBeLessThan(willingness(intros(2, 0)).score);
  });

  it("ranks a partner that let an intro expire unanswered below one that answered it, however late", () => {
    const ignored = willingness(intros(0, 0, 1)).score;
    expect(ignored).toBeLessThan(willingness(intros(0, 1, 0, 24 * 7)).score);
    expect(ignored).toBeLessThan(willingness(intros(1, 0, 1, 24 * 7)).score);
  });

  it.each([
    [intros(9, 1, 0, 20), "Accepted 9 of 10 intros, usually answers within a day"],
    [intros(1, 0, 0, 2), "Accepted 1 of 1 intro, usually answers within a few hours"],
    [intros(4, 4, 0, 40), "Accepted 4 of 8 intros, usually answers within 2 days"],
    [intros(1, 11, 0, 30), "Rarely accepts intros (1 of 12), usually answers within 2 days"],
    [intros(0, 2, 10), "Rarely accepts intros (0 of 12; most went unanswered)"],
    [intros(6, 2, 0, 130), "Accepted 6 of 8 intros, takes about 5 days to answer"],
    [intros(0, 0), "No intros asked yet"],
    // One early "no" is not yet a pattern.
    [intros(0, 1, 0, 2), "Accepted 0 of 1 intro, usually answers within a few hours"],
  ])("explains the track record in words (%o)", (record, explanation) => {
    expect(willingness(record).explanation).toBe(explanation);
  });

  it("keeps a partner that rarely accepts intros under the bar, however fast its answer", () => {
    const quickNo = willingness(intros(2, 8, 0, 1));

    expect(quickNo.explanation).toBe("Rarely accepts intros (2 of 10), usually answers within a few hours");
    expect(quickNo.score).toBeLessThan(CLASSIFICATION_THRESHOLDS.willingness);
    expect(willingness(intros(3, 7, 0, 1)).score).toBeGreaterThanOrEqual(
      CLASSIFICATION_THRESHOLDS.willingness,
    );
  });

  it("counts a partner outside the co-sell programme as less willing, and says so", () => {
    const optedOut = willingness(intros(9, 1, 0, 20), false);

    expect(optedOut.score).toBeLessThan(willingness(intros(9, 1, 0, 20)).score);
    expect(optedOut.explanation).toBe(
      "Accepted 9 of 10 intros, usually answers within a day, but hasn't opted in to co-selling",
    );
    expect(willingness(intros(0, 0), false).explanation).toBe(
      "No intros asked yet, and hasn't opted in to co-selling",
    );
  });

  it("names every reason a reluctant partner falls short", () => {
    expect(willingness(intros(1, 9, 0, 24 * 6), false).shortfallReasons).toEqual([
      "rarely accepts intros",
      "answers intros slowly",
      "hasn't opted in to co-selling",
    ]);
  });

  it("says a partner let its one intro expire unanswered, rather than that it accepted 0 of 1", () => {
    const ignored = willingness(intros(0, 0, 1));
    // A quick "no" to one intro is not held against the partner; silence is, and the rep hears why.
    expect(willingness(intros(0, 1, 0, 2)).score).toBeGreaterThanOrEqual(
      CLASSIFICATION_THRESHOLDS.willingness,
    );
    expect(ignored.score).toBeLessThan(CLASSIFICATION_THRESHOLDS.willingness);
    expect(ignored.explanation).toBe("Let the one intro we sent expire unanswered");
    expect(ignored.shortfallReasons).toEqual(["hasn't answered an intro yet"]);
    expect(willingness(intros(0, 0, 1), false).explanation).toBe(
      "Let the one intro we sent expire unanswered, and hasn't opted in to co-selling",
    );
  });

  it('adds a partner\'s not opting in to a reluctant record with "and", not "but"', () => {
    expect(willingness(intros(1, 11, 0, 30), false).explanation).toBe(
      "Rarely accepts intros (1 of 12), usually answers within 2 days, and hasn't opted in to co-selling",
    );
  });
});
