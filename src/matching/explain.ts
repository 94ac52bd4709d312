import type { AccountMatch } from "./match";

/** One plain sentence telling a sales rep why two accounts were matched, and how sure we are. */
export function explainMatch(match: AccountMatch): string {
  const confident = `(${Math.round(match.confidence * 100)}% confident)`;
  if (match.method === "domain") return `Same website domain: ${match.matchedOn} ${confident}`;
  return `Same company name “${match.matchedOn}” — no website on record to compare ${confident}`;
}
