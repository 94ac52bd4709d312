/** The complementarity score: why a partner in an account is worth a rep's intro request, in plain words. */
export { orderByScore, type Presence, type ScoringBasis, scorePartnersInAccount } from "./in-account";
export { rankPartners } from "./rank";
export {
  AccountContext,
  Classification,
  OpenNeed,
  PartnerPresence,
  PartnerProfile,
  PartnerScore,
  PartnerTrack,
  PartnerTrackRecord,
  type ScoreInput,
  Trait,
  TraitScore,
  VendorSolutionMap,
} from "./schemas";
export { scorePartner, TRAIT_WEIGHTS } from "./score";
export { SOLUTION_AREAS, SolutionArea, type SolutionAreaInfo } from "./solution-areas";
export { CLASSIFICATION_THRESHOLDS } from "./thresholds";
