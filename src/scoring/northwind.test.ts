import { describe, expect, it } from "vitest";
import type { Relationship } from "../contract/accounts";
import { rankPartners } from "./rank";
import type { AccountContext, PartnerProfile, PartnerTrackRecord, VendorSolutionMap } from "./schemas";
import { scorePartner } from "./score";

/**
 * Northwind Analytics sells CRM analytics dashboards. It leaves the rollout, the data platform and, for
 * enterprise accounts, day-to-day running to partners. The rep is looking at a mid-market retailer.
 */
const northwind: VendorSolutionMap = {
  covers: ["analytics"],
  leavesToPartners: [
    { area: "implementation_services" },
    { area: "data_platform", reason: "we only read data that is already clean" },
    { area: "managed_services", segments: ["enterprise"] },
  ],
  target: { segments: ["mid_market", "enterprise"], industries: ["Retail"], regions: ["EMEA"] },
};
const retailer: AccountContext = { industry: "Retail", segment: "mid_market", region: "EMEA" };

const keenTrackRecord: PartnerTrackRecord = {
  introsAccepted: 9,
  introsDeclined: 1,
  introsExpiredUnanswered: 0,
  medianResponseHours: 20,
  sharedCustomers: 20,
  sharedCustomersInTarget: 16,
};
const noHistory: PartnerTrackRecord = {
  introsAccepted: 0,
  introsDeclined: 0,
  introsExpiredUnanswered: 0,
  medianResponseHours: null,
  sharedCustomers: 0,
  sharedCustomersInTarget: 0,
};

const contoso: PartnerProfile = {
  orgId: "5a0c7a4e-0d5f-4c1e-9a43-0d1b2f6c0001",
  name: "Contoso Consulting",
  solutionAreas: ["implementation_services", "integration", "training"],
  offerings: ["Salesforce and analytics rollouts for retailers"],
  track: "complementary",
  coSellOptIn: true,
};
const fabrikam: PartnerProfile = {
  orgId: "5a0c7a4e-0d5f-4c1e-9a43-0d1b2f6c0002",
  name: "Fabrikam Resale",
  solutionAreas: ["licensing_resale", "analytics"],
  offerings: ["Resells a competing BI suite"],
  track: "reseller",
  coSellOptIn: true,
};
const tailspin: PartnerProfile = {
  orgId: "5a0c7a4e-0d5f-4c1e-9a43-0d1b2f6c0003",
  name: "Tailspin Data",
  solutionAreas: ["data_platform"],
  track: "technology_alliance",
  coSellOptIn: true,
};

function score(
  partner: PartnerProfile,
  trackRecord: PartnerTrackRecord = keenTrackRecord,
  relationship: Relationship = "customer",
) {
  return scorePartner({
    partner,
    vendor: northwind,
    account: retailer,
    presence: { relationship },
    trackRecord,
  });
}

describe("Northwind Analytics looking at a mid-market retailer", () => {
  it("ranks the consultancy that implements what Northwind lacks above a reseller of a competing product", () => {
    const [first, second] = rankPartners([score(fabrikam), score(contoso)]);

    expect(first?.partnerName).toBe("Contoso Consulting");
    expect(first?.classification).toBe("complementary");
    expect(first?.summary).toBe(
      "Complementary: implements and configures the rollout, which our product leaves to partners",
    );
    expect(second?.partnerName).toBe("Fabrikam Resale");
    expect(second?.classification).toBe("adjacent");
    expect(second?.shortfall).toEqual(["completeness"]);
    expect(second?.completeness.explanation).toBe(
      "Builds the dashboards and reports, which our product already covers",
    );
  });

  it("shows a partner that never answers intros as adjacent because it rarely accepts them", () => {
    const silent = score(tailspin, {
      ...keenTrackRecord,
      introsAccepted: 0,
      introsDeclined: 0,
      introsExpiredUnanswered: 12,
      medianResponseHours: null,
    });

    expect(silent.classification).toBe("adjacent");
    expect(silent.shortfall).toEqual(["willingness"]);
    expect(silent.summary).toContain("rarely accepts intros");
    expect(silent.willingness.explanation).toBe("Rarely accepts intros (0 of 12; most went unanswered)");
  });

  it("gives a brand-new partner a willingness that is neither 0 nor 1", () => {
    const { willingness } = score(tailspin, noHistory);

    expect(willingness.score).toBeGreaterThan(0);
    expect(willingness.score).toBeLessThan(1);
    expect(willingness.explanation).toBe("No intros asked yet");
  });

  it("scores a partner lower on overlap when the account is only its prospect than when it is its customer", () => {
    const asCustomer = score(tailspin, keenTrackRecord, "customer");
    const asProspect = score(tailspin, keenTrackRecord, "prospect");

    expect(asProspect.overlap.score).toBeLessThan(asCustomer.overlap.score);
    expect(asCustomer.overlap.explanation).toBe(
      "Already a customer of theirs, and 80% of their shared customers are in our target segments",
    );
    expect(asProspect.overlap.explanation).toBe(
      "Only a prospect of theirs so far, but 80% of their shared customers are in our target segments",
    );
  });

  it("explains a data platform partner with the reason Northwind gives for leaving it open", () => {
    expect(score(tailspin).completeness.explanation).toBe(
      "Runs the data platform, which our product leaves to partners (we only read data that is already clean)",
    );
  });
});
