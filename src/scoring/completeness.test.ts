import { describe, expect, it } from "vitest";
import { assessCompleteness } from "./completeness";
import type { AccountContext, PartnerProfile, VendorSolutionMap } from "./schemas";
import type { SolutionArea } from "./solution-areas";

const vendor: VendorSolutionMap = {
  covers: ["analytics", "crm"],
  leavesToPartners: [
    { area: "implementation_services" },
    { area: "data_platform" },
    {
      area: "security",
      industries: ["Healthcare", "Financial services"],
      reason: "regulators ask for a certified firm",
    },
    // Our product covers CRM, but enterprise customers want a partner to run it.
    { area: "crm", segments: ["enterprise"] },
  ],
  target: { segments: ["mid_market"], industries: [], regions: [] },
};
const midMarketRetailer: AccountContext = { industry: "Retail", segment: "mid_market", region: "EMEA" };

const offering = (...solutionAreas: SolutionArea[]): PartnerProfile => ({
  orgId: "7c1d8f2a-3b4e-4f5a-8b6c-000000000002",
  name: "Contoso Consulting",
  solutionAreas,
  track: "complementary",
  coSellOptIn: true,
});

const completeness = (partner: PartnerProfile, account: AccountContext = midMarketRetailer) =>
  assessCompleteness(partner, vendor, account);

describe("assessCompleteness", () => {
  it("rewards filling more of what our product leaves open", () => {
    const one = completeness(offering("implementation_services"));
    const two = completeness(offering("data_platform", "implementation_services"));

    expect(two.score).toBeGreaterThan(one.score);
    expect(two.explanation).toBe(
      "Implements and configures the rollout and runs the data platform, both of which our product leaves to partners",
    );
  });

  it("marks a partner down for also offering what our product already covers", () => {
    const mixed = completeness(offering("implementation_services", "analytics"));

    expect(mixed.score).toBeLessThan(completeness(offering("implementation_services")).score);
    expect(mixed.explanation).toBe(
      "Implements and configures the rollout, which our product leaves to partners, but also builds the dashboards and reports, which we cover ourselves",
    );
  });

  it("scores nothing for a partner that only duplicates our product", () => {
    expect(completeness(offering("analytics", "crm"))).toEqual({
      score: 0,
      explanation: "Builds the dashboards and reports and provides the CRM, which our product already covers",
      shortfallReasons: ["duplicates what our product covers"],
    });
  });

  it("counts a need only in the industries it applies to, matching industry names loosely", () => {
    const security = offering("security");

    expect(completeness(security)).toMatchObject({
      score: 0,
      explanation: "Secures the deployment, which this account doesn't need from a partner",
    });
    expect(completeness(security, { ...midMarketRetailer, industry: " healthcare " })).toMatchObject({
      explanation:
        "Secures the deployment, which our product leaves to partners (regulators ask for a certified firm)",
    });
  });

  it.each([
    ["two spaces between the words", "Financial  services"],
    ["a no-break space between the words", "Financial\u00a0services"],
    ["full-width letters", "Ｆｉｎａｎｃｉａｌ ｓｅｒｖｉｃｅｓ"],
  ])("matches an industry written with %s to the same industry in our solution map", (_, industry) => {
    expect(completeness(offering("security"), { ...midMarketRetailer, industry }).score).toBeGreaterThan(0);
  });

  it("matches a region with an accent written as a separate mark (as macOS exports do) to the composed one", () => {
    const map: VendorSolutionMap = {
      ...vendor,
      leavesToPartners: [{ area: "training", regions: ["Île-de-France"] }],
    };
    const account = { ...midMarketRetailer, region: "I\u0302le-de-France" };
    expect(assessCompleteness(offering("training"), map, account).score).toBeGreaterThan(0);
  });

  it("treats an area we cover but leave open in this segment as a need here and a duplicate elsewhere", () => {
    const enterprise: AccountContext = { ...midMarketRetailer, segment: "enterprise" };
    const crm = completeness(offering("crm"), enterprise);

    expect(crm.score).toBe(completeness(offering("implementation_services"), enterprise).score);
    expect(crm.explanation).toBe("Provides the CRM, which our product leaves to partners");
    expect(completeness(offering("crm")).explanation).toBe(
      "Provides the CRM, which our product already covers",
    );
  });

  it("gives partial credit when the account doesn't say whether a need applies", () => {
    const unknownIndustry = completeness(offering("security"), { ...midMarketRetailer, industry: null });
    const knownIndustry = completeness(offering("security"), {
      ...midMarketRetailer,
      industry: "Healthcare",
    });

    expect(unknownIndustry.score).toBeGreaterThan(0);
    expect(unknownIndustry.score).toBeLessThan(knownIndustry.score);
    expect(unknownIndustry.explanation).toBe(
      "Secures the deployment, which our product leaves to partners in some accounts (this account's industry isn't set)",
    );
  });

  it("explains a partner whose areas our product neither covers nor leaves open", () => {
    expect(completeness(offering("training"))).toMatchObject({
      score: 0,
      explanation: "Trains the customer's users, which our product doesn't need a partner for",
    });
  });

  it("says so when a partner hasn't described its offering", () => {
    expect(completeness(offering())).toMatchObject({
      score: 0,
      explanation: "Hasn't told us what they offer",
    });
  });

  it("gives no credit and says why before we have described our own product", () => {
    expect(assessCompleteness(offering("data_platform"), null, midMarketRetailer)).toEqual({
      score: 0,
      explanation:
        "Runs the data platform; we can't tell whether that completes our product until we set up our solution map",
      shortfallReasons: ["can't be checked against our product until we set up our solution map"],
    });
    expect(assessCompleteness(offering(), null, midMarketRetailer).explanation).toBe(
      "Hasn't told us what they offer, and we haven't set up our solution map yet",
    );
  });
});
