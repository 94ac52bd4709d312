import { describe, expect, it } from "vitest";
import type { Relationship } from "../contract/accounts";
import { assessOverlap } from "./overlap";
import type { PartnerTrackRecord } from "./schemas";

function customerBase(sharedCustomers: number, sharedCustomersInTarget: number): PartnerTrackRecord {
  return {
    introsAccepted: 0,
    introsDeclined: 0,
    introsExpiredUnanswered: 0,
    medianResponseHours: null,
    sharedCustomers,
    sharedCustomersInTarget,
  };
}

const overlapOf = (relationship: Relationship | null, record: PartnerTrackRecord) =>
  assessOverlap({ relationship }, record);

describe("assessOverlap", () => {
  it("ranks a customer above an opportunity above a prospect, with an unshared relationship like a prospect", () => {
    const record = customerBase(20, 10);
    const [customer, opportunity, prospect, unshared] = (
      ["customer", "opportunity", "prospect", null] as const
    ).map((relationship) => overlapOf(relationship, record).score);

    expect(customer).toBeGreaterThan(opportunity!);
    expect(opportunity).toBeGreaterThan(prospect!);
    expect(unshared).toBe(prospect);
  });

  it("does not take one shared customer in target as proof of a fully on-target base", () => {
    const oneOfOne = overlapOf("customer", customerBase(1, 1));
    const mostOfMany = overlapOf("customer", customerBase(20, 19));

    expect(oneOfOne.score).toBeLessThan(mostOfMany.score);
    expect(oneOfOne.explanation).toBe(
      "Already a customer of theirs, and their one shared customer is in our target segments",
    );
  });

  it.each([
    [customerBase(0, 0), "Already a customer of theirs, but we have no shared customers with them yet"],
    [
      customerBase(4, 3),
      "Already a customer of theirs, and 3 of their 4 shared customers are in our target segments",
    ],
    [
      customerBase(5, 0),
      "Already a customer of theirs, but none of their 5 shared customers are in our target segments",
    ],
    [
      customerBase(300, 299),
      "Already a customer of theirs, and 99% of their shared customers are in our target segments",
    ],
    [
      customerBase(300, 1),
      "Already a customer of theirs, but 1% of their shared customers are in our target segments",
    ],
  ])("describes the shared customer base in words (%o)", (record, explanation) => {
    expect(overlapOf("customer", record).explanation).toBe(explanation);
  });

  it("says what holds a partner back", () => {
    expect(overlapOf("prospect", customerBase(10, 1))).toMatchObject({
      explanation:
        "Only a prospect of theirs so far, and 10% of their shared customers are in our target segments",
      shortfallReasons: [
        "has this account only as a prospect",
        "has few shared customers in our target segments",
      ],
    });
    expect(overlapOf(null, customerBase(10, 8))).toMatchObject({
      explanation:
        "They list this account without saying how they know it, but 80% of the accounts we share with them are in our target segments",
      shortfallReasons: ["doesn't say how they know this account"],
    });
  });

  it("speaks of accounts in common, not customers, when the partner doesn't share its relationships", () => {
    expect(overlapOf(null, customerBase(4, 1))).toMatchObject({
      explanation:
        "They list this account without saying how they know it, and 1 of the 4 accounts we share with them is in our target segments",
      shortfallReasons: [
        "doesn't say how they know this account",
        "has few accounts in common with us in our target segments",
      ],
    });
    expect(overlapOf(null, customerBase(1, 1)).explanation).toBe(
      "They list this account without saying how they know it, but the one account we share with them is in our target segments",
    );
  });

  it("counts the shared base without judging it when we have no target market", () => {
    const noTarget = { ...customerBase(12, 0), sharedCustomersInTarget: null };
    const halfInTarget = customerBase(12, 6);

    expect(overlapOf("customer", noTarget)).toMatchObject({
      explanation: "Already a customer of theirs, and we share 12 customers with them",
    });
    expect(overlapOf("customer", noTarget).score).toBeCloseTo(overlapOf("customer", halfInTarget).score);
    expect(overlapOf(null, noTarget).explanation).toBe(
      "They list this account without saying how they know it, and we share 12 accounts with them",
    );
    expect(overlapOf("prospect", noTarget).shortfallReasons).toEqual(["has this account only as a prospect"]);
  });
});
