/**
 * The score's shape, apart from what it is computed from (./schemas): the sidebar bundles the
 * contract for showing scores, and should carry no schema it never checks.
 */
import * as z from "zod";

export const Trait = z.enum(["completeness", "overlap", "willingness"]).meta({ id: "Trait" });
export type Trait = z.infer<typeof Trait>;

export const TraitScore = z
  .object({
    score: z.number().min(0).max(1),
    explanation: z.string().meta({ example: "Accepted 9 of 10 intros, usually answers within a day" }),
  })
  .meta({ id: "TraitScore" });
export type TraitScore = z.infer<typeof TraitScore>;

export const Classification = z.enum(["complementary", "adjacent"]).meta({ id: "Classification" });
export type Classification = z.infer<typeof Classification>;

export const PartnerScore = z
  .object({
    partnerOrgId: z.string().uuid(),
    partnerName: z.string(),
    completeness: TraitScore,
    overlap: TraitScore,
    willingness: TraitScore,
    total: z.number().min(0).max(1),
    classification: Classification,
    shortfall: z
      .array(Trait)
      .meta({ description: "The traits below their threshold; empty when complementary." }),
    summary: z.string().meta({ example: "Adjacent: rarely accepts intros" }),
  })
  .meta({ id: "PartnerScore" });
export type PartnerScore = z.infer<typeof PartnerScore>;
