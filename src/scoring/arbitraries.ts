/** fast-check generators of valid scoring inputs, shared by the property tests. */
import fc from "fast-check";
import { Relationship, Segment } from "../contract/accounts";
import {
  type AccountContext,
  type OpenNeed,
  type PartnerProfile,
  PartnerTrack,
  type PartnerTrackRecord,
  type ScoreInput,
  type VendorSolutionMap,
} from "./schemas";
import { SolutionArea } from "./solution-areas";

// Few values, so generated accounts often do and often don't match a need's restrictions.
const INDUSTRIES = ["Retail", "Healthcare", "Financial services"];
const REGIONS = ["EMEA", "North America"];

const areas = fc.uniqueArray(fc.constantFrom(...SolutionArea.options), { maxLength: 5 });
const restriction = <T>(values: readonly T[]) => fc.option(fc.subarray([...values]), { nil: undefined });

const openNeed: fc.Arbitrary<OpenNeed> = fc.record(
  {
    area: fc.constantFrom(...SolutionArea.options),
    industries: restriction(INDUSTRIES),
    segments: restriction(Segment.options),
    regions: restriction(REGIONS),
    reason: fc.constantFrom("we only read data that is already clean", "customers expect a local firm"),
  },
  { requiredKeys: ["area"] },
);

export const vendorMap: fc.Arbitrary<VendorSolutionMap> = fc.record({
  covers: areas,
  leavesToPartners: fc.array(openNeed, { maxLength: 6 }),
  target: fc.record({
    segments: fc.subarray([...Segment.options]),
    industries: fc.subarray(INDUSTRIES),
    regions: fc.subarray(REGIONS),
  }),
});

export const partnerProfile: fc.Arbitrary<PartnerProfile> = fc.record({
  orgId: fc.uuid(),
  name: fc.constantFrom("Contoso Consulting", "Fabrikam", "Tailspin Data", "Litware"),
  solutionAreas: areas,
  track: fc.constantFrom(...PartnerTrack.options),
  coSellOptIn: fc.boolean(),
});

const accountContext: fc.Arbitrary<AccountContext> = fc.record({
  industry: fc.option(fc.constantFrom(...INDUSTRIES)),
  segment: fc.option(fc.constantFrom(...Segment.options)),
  region: fc.option(fc.constantFrom(...REGIONS)),
});

const count = fc.nat({ max: 500 });

export const trackRecord: fc.Arbitrary<PartnerTrackRecord> = fc
  .record({
    introsAccepted: count,
    introsDeclined: count,
    introsExpiredUnanswered: count,
    medianResponseHours: fc.option(fc.double({ min: 0, max: 24 * 365, noNaN: true })),
    customers: fc.tuple(count, count),
    // A vendor without a target market has nothing to count shared customers against.
    targetSet: fc.boolean(),
  })
  .map(({ customers: [a, b], targetSet, ...intros }) => ({
    ...intros,
    sharedCustomers: Math.max(a, b),
    sharedCustomersInTarget: targetSet ? Math.min(a, b) : null,
  }));

export const scoreInput: fc.Arbitrary<ScoreInput> = fc.record({
  partner: partnerProfile,
  // Null: the vendor hasn't set up its solution map yet.
  vendor: fc.option(vendorMap, { nil: null }),
  account: accountContext,
  presence: fc.record({ relationship: fc.option(fc.constantFrom(...Relationship.options)) }),
  trackRecord,
});
