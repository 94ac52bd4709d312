/**
 * Scores and orders the partners present in one account. The server does it for each account
 * lookup; the extension does it for accounts it knows only from the sync feed, from the scoring
 * basis the feed carries, so saved data shows the same breakdown offline.
 */
import type { Relationship } from "../contract/accounts";
import { rankPartners } from "./rank";
import type {
  AccountContext,
  PartnerProfile,
  PartnerScore,
  PartnerTrackRecord,
  VendorSolutionMap,
} from "./schemas";
import { scorePartner } from "./score";

/** Everything about the viewer's partners that their scores depend on, beyond the account. */
export interface ScoringBasis {
  vendor: VendorSolutionMap | null;
  profiles: ReadonlyMap<string, PartnerProfile>;
  trackRecords: ReadonlyMap<string, PartnerTrackRecord>;
}

/** A partner present in the account, through one of its own accounts. */
export interface Presence {
  partner: { id: string; name: string };
  relationship: Relationship | null;
}

const STRENGTH: Readonly<Record<Relationship, number>> = { customer: 3, opportunity: 2, prospect: 1 };
const strengthOf = (relationship: Relationship | null) => (relationship ? STRENGTH[relationship] : 0);

/**
 * Each partner's score in the account, best partner first. A partner can match the account
 * through several of its own accounts: its strongest relationship counts, and its matches stay
 * together in the order they came. A partner the basis knows nothing about gets no score and goes
 * last, so a basis that lags behind the overlaps never hides a partner.
 */
export function scorePartnersInAccount<T extends Presence>(
  basis: ScoringBasis,
  account: AccountContext,
  presences: readonly T[],
): Array<T & { score: PartnerScore | null }> {
  const strongest = new Map<string, Presence>();
  for (const presence of presences) {
    const seen = strongest.get(presence.partner.id);
    if (!seen || strengthOf(presence.relationship) > strengthOf(seen.relationship)) {
      strongest.set(presence.partner.id, presence);
    }
  }
  const scores = new Map<string, PartnerScore>();
  for (const { partner, relationship } of strongest.values()) {
    const profile = basis.profiles.get(partner.id);
    const trackRecord = basis.trackRecords.get(partner.id);
    if (!profile || !trackRecord) continue;
    scores.set(
      partner.id,
      scorePartner({
        partner: profile,
        vendor: basis.vendor,
        account,
        presence: { relationship },
        trackRecord,
      }),
    );
  }
  return orderByScore(
    presences.map((presence) => ({ ...presence, score: scores.get(presence.partner.id) ?? null })),
  );
}

/**
 * Best partner first, by their scores (see rankPartners); a partner's several matches stay together
 * in the order they came, and matches without a score go last.
 */
export function orderByScore<T extends { partner: { id: string }; score?: PartnerScore | null }>(
  items: readonly T[],
): T[] {
  const scores = new Map<string, PartnerScore>();
  for (const item of items) if (item.score) scores.set(item.partner.id, item.score);
  const ranked = rankPartners([...scores.values()]);
  const position = new Map(ranked.map((score, index) => [score.partnerOrgId, index]));
  const positionOf = (item: T) => position.get(item.partner.id) ?? ranked.length;
  return [...items].sort((a, b) => positionOf(a) - positionOf(b));
}
