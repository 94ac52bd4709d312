import type { Trait } from "./schemas";

/**
 * A partner is complementary when every trait reaches its threshold. Willingness has the lowest bar so a
 * new, opted-in partner (50% after the prior) is not held back for lack of history.
 */
export const CLASSIFICATION_THRESHOLDS: Readonly<Record<Trait, number>> = {
  completeness: 0.5,
  overlap: 0.5,
  willingness: 0.4,
};
