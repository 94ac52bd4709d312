export { accountDomains, normalizeDomain } from "./domain";
export { explainMatch } from "./explain";
export {
  type AccountMatch,
  CONTAINED_DOMAINS_CONFIDENCE,
  createMatchIndex,
  type MatchableAccount,
  type MatchIndex,
  matchAll,
  OVERLAPPING_DOMAINS_CONFIDENCE,
  SAME_DOMAINS_CONFIDENCE,
} from "./match";
export {
  type CompanyName,
  NAME_MATCH_THRESHOLD,
  nameKey,
  nameMatchConfidence,
  parseCompanyName,
} from "./name";
