import type { PartnerInAccount } from "../../src/contract/partners";
import type { PartnerScore } from "../../src/scoring/schemas";

/** The complementarity breakdown the sidebar shows. */
export type PartnerFit = Pick<
  PartnerScore,
  "completeness" | "overlap" | "willingness" | "total" | "classification" | "summary"
>;

/**
 * A partner as the sidebar renders it. The score and the match explanation are newer parts of the
 * contract: older servers (and answers from the sync feed) may leave them out.
 */
export type ShownPartner = PartnerInAccount & { explanation?: string | null };

// The server's locale (src/scoring/rank.ts), so a browser in another language orders names as it does.
const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * Best partners first, as the server ranks them (src/scoring/rank.ts): by overall fit, ties to
 * complementary partners, then by name. Partners without a score (an older server) come last, the
 * surest matches first.
 */
export function bestFirst(partners: readonly ShownPartner[]): ShownPartner[] {
  const adjacent = (partner: ShownPartner) => Number(partner.score?.classification !== "complementary");
  return [...partners].sort(
    (a, b) =>
      (b.score?.total ?? -1) - (a.score?.total ?? -1) ||
      (a.score && b.score ? adjacent(a) - adjacent(b) : b.match.confidence - a.match.confidence) ||
      byName.compare(a.partner.name, b.partner.name),
  );
}

const MATCH_METHOD_LABELS = { domain: "Same website domain", name: "Same company name" } as const;

/** How the partner's account was matched to this one, and how sure the match is. */
export function matchDescription(partner: ShownPartner): string {
  if (partner.explanation) return partner.explanation;
  const confidence = Math.round(partner.match.confidence * 100);
  return `${MATCH_METHOD_LABELS[partner.match.method]}: ${partner.match.matchedOn} (${confidence}% confident)`;
}
