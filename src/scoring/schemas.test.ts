import { describe, expect, it } from "vitest";
import { PartnerProfile, PartnerTrackRecord } from "./schemas";
import { SOLUTION_AREAS } from "./solution-areas";

describe("scoring schemas", () => {
  it("rejects more shared customers in target than shared customers, but accepts none counted", () => {
    const record = {
      introsAccepted: 1,
      introsDeclined: 0,
      introsExpiredUnanswered: 0,
      medianResponseHours: 3,
      sharedCustomers: 2,
      sharedCustomersInTarget: 3,
    };
    const result = PartnerTrackRecord.safeParse(record);

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["sharedCustomersInTarget"]);
    expect(PartnerTrackRecord.safeParse({ ...record, sharedCustomersInTarget: null }).success).toBe(true);
  });

  it("accepts only solution areas from the catalogue", () => {
    const profile = {
      orgId: "7c1d8f2a-3b4e-4f5a-8b6c-000000000003",
      name: "Litware",
      solutionAreas: ["data_platform"],
      track: "referral",
      coSellOptIn: false,
    };

    expect(PartnerProfile.safeParse(profile).success).toBe(true);
    expect(PartnerProfile.safeParse({ ...profile, solutionAreas: ["blockchain"] }).success).toBe(false);
  });

  it("phrases every area so a sentence can start with it or continue with it", () => {
    for (const { verbPhrase } of Object.values(SOLUTION_AREAS)) {
      // The second word-character stays lower case, so lowering the first letter never mangles an acronym.
      expect(verbPhrase).toMatch(/^[A-Z][a-z]/);
    }
  });
});
