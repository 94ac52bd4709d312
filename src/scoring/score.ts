import { assessCompleteness } from "./completeness";
import { assessOverlap } from "./overlap";
import { listPhrase, lowerFirst, percentOf } from "./phrases";
import { type PartnerScore, type ScoreInput, Trait, type TraitAssessment } from "./schemas";
import { CLASSIFICATION_THRESHOLDS } from "./thresholds";
import { assessWillingness } from "./willingness";

/**
 * Weights of the total. They are positive and sum to 1, so the total stays in [0, 1] and raising any one
 * trait never lowers it. Completeness weighs most: without it a partner is merely adjacent however keen.
 */
export const TRAIT_WEIGHTS: Readonly<Record<Trait, number>> = {
  completeness: 0.4,
  overlap: 0.3,
  willingness: 0.3,
};

export function combineTraits(scores: Readonly<Record<Trait, number>>): number {
  const total = Trait.options.reduce((sum, trait) => sum + TRAIT_WEIGHTS[trait] * scores[trait], 0);
  // Guards only against floating-point sums such as 1.0000000000000002.
  return Math.min(1, Math.max(0, total));
}

/**
 * A score as the whole percentage the sidebar shows, so the verdict is the one the numbers shown give;
 * only a perfect score shows 100% and only none at all 0%.
 */
const inPercents = (score: number) => percentOf(score, 1) / 100;

export function scorePartner(input: ScoreInput): PartnerScore {
  const assessments: Record<Trait, TraitAssessment> = {
    completeness: assessCompleteness(input.partner, input.vendor, input.account),
    overlap: assessOverlap(input.presence, input.trackRecord),
    willingness: assessWillingness(input.partner, input.trackRecord),
  };
  for (const trait of Trait.options) assessments[trait].score = inPercents(assessments[trait].score);
  const traitScore = (trait: Trait) => ({
    score: assessments[trait].score,
    explanation: assessments[trait].explanation,
  });
  const shortfall = Trait.options.filter(
    (trait) => assessments[trait].score < CLASSIFICATION_THRESHOLDS[trait],
  );
  const summary =
    shortfall.length === 0
      ? `Complementary: ${lowerFirst(assessments.completeness.explanation)}`
      : `Adjacent: ${listPhrase(shortfall.flatMap((trait) => assessments[trait].shortfallReasons))}`;

  return {
    partnerOrgId: input.partner.orgId,
    partnerName: input.partner.name,
    completeness: traitScore("completeness"),
    overlap: traitScore("overlap"),
    willingness: traitScore("willingness"),
    // Of the parts as shown, and shown the same way, so partners shown at the same fit tie.
    total: inPercents(
      combineTraits({
        completeness: assessments.completeness.score,
        overlap: assessments.overlap.score,
        willingness: assessments.willingness.score,
      }),
    ),
    classification: shortfall.length === 0 ? "complementary" : "adjacent",
    shortfall,
    summary,
  };
}
