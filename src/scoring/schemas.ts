import * as z from "zod";
import { Relationship, Segment } from "../contract/accounts";
import type { TraitScore } from "./partner-score";
import { SolutionArea } from "./solution-areas";

export { Classification, PartnerScore, Trait, TraitScore } from "./partner-score";

const label = z.string().trim().min(1).max(120);
const count = z.number().int().nonnegative();

/** The partner programme track a partner is enrolled in; shown to reps, not scored (the evidence is). */
export const PartnerTrack = z
  .enum(["complementary", "technology_alliance", "referral", "reseller"])
  .meta({ id: "PartnerTrack" });
export type PartnerTrack = z.infer<typeof PartnerTrack>;

export const PartnerProfile = z
  .object({
    orgId: z.string().uuid(),
    name: z.string().trim().min(1).max(500),
    solutionAreas: z.array(SolutionArea).max(SolutionArea.options.length),
    offerings: z
      .array(z.string().trim().min(1).max(200))
      .max(20)
      .optional()
      .meta({ description: "One-liners the partner describes itself with, shown as written." }),
    track: PartnerTrack,
    coSellOptIn: z.boolean(),
  })
  .meta({ id: "PartnerProfile" });
export type PartnerProfile = z.infer<typeof PartnerProfile>;

/** A need the vendor's product leaves to partners; without restrictions it applies to every account. */
export const OpenNeed = z
  .object({
    area: SolutionArea,
    industries: z.array(label).max(50).optional(),
    segments: z.array(Segment).optional(),
    regions: z.array(label).max(50).optional(),
    reason: z
      .string()
      .trim()
      .min(1)
      .max(160)
      .optional()
      .meta({ example: "we only read data that is already clean" }),
  })
  .meta({ id: "OpenNeed" });
export type OpenNeed = z.infer<typeof OpenNeed>;

export const VendorSolutionMap = z
  .object({
    covers: z.array(SolutionArea).meta({ description: "What the vendor's own product does." }),
    leavesToPartners: z.array(OpenNeed).max(100),
    target: z
      .object({
        segments: z.array(Segment),
        industries: z.array(label).max(50),
        regions: z.array(label).max(50),
      })
      .meta({ description: "The vendor's target market, used to count shared customers in target." }),
  })
  .meta({ id: "VendorSolutionMap" });
export type VendorSolutionMap = z.infer<typeof VendorSolutionMap>;

export const AccountContext = z
  .object({
    industry: label.nullable(),
    segment: Segment.nullable(),
    region: label.nullable(),
  })
  .meta({ id: "AccountContext" });
export type AccountContext = z.infer<typeof AccountContext>;

export const PartnerPresence = z
  .object({
    relationship: Relationship.nullable().meta({
      description: "Null when the partner does not share it.",
    }),
  })
  .meta({ id: "PartnerPresence" });
export type PartnerPresence = z.infer<typeof PartnerPresence>;

export const PartnerTrackRecord = z
  .object({
    introsAccepted: count,
    introsDeclined: count,
    introsExpiredUnanswered: count,
    medianResponseHours: z
      .number()
      .nonnegative()
      .nullable()
      .meta({ description: "Null until the partner has answered an intro." }),
    sharedCustomers: count.meta({
      description:
        "Accounts we share where the partner's relationship is customer. A partner that doesn't share its relationships (presence.relationship is null) doesn't tell which are customers, so this then counts every account we share with it.",
    }),
    sharedCustomersInTarget: count.nullable().meta({
      description:
        "Of those, how many are in the vendor's target market; null when the vendor hasn't set one.",
    }),
  })
  .refine((record) => (record.sharedCustomersInTarget ?? 0) <= record.sharedCustomers, {
    message: "Cannot exceed sharedCustomers.",
    path: ["sharedCustomersInTarget"],
  })
  .meta({ id: "PartnerTrackRecord" });
export type PartnerTrackRecord = z.infer<typeof PartnerTrackRecord>;

/** Everything the score depends on; anything time-based arrives already measured. */
export interface ScoreInput {
  partner: PartnerProfile;
  /** Null until the vendor has described its own product. */
  vendor: VendorSolutionMap | null;
  account: AccountContext;
  presence: PartnerPresence;
  trackRecord: PartnerTrackRecord;
}

/** One trait's score, its explanation, and the short reasons an "Adjacent: …" summary gives for it. */
export interface TraitAssessment extends TraitScore {
  /** Phrases with the partner as subject ("rarely accepts intros"); never empty. */
  shortfallReasons: string[];
}
