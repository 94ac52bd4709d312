/**
 * Server-side assembly of the complementarity score (src/scoring): it reads what the score needs
 * under the caller's row-level security, a fixed number of queries however many partners there are.
 */
import type { Relationship } from "../../src/contract/accounts";
import type { PartnerInAccount } from "../../src/contract/partners";
import {
  type AccountContext,
  type PartnerProfile,
  type PartnerScore,
  type PartnerTrackRecord,
  rankPartners,
  scorePartner,
  type VendorSolutionMap,
} from "../../src/scoring";
import type { Tx } from "../db/client";
import { type NamedOrg, readProfiles } from "./profiles";
import type { SharedCustomerCounts } from "./shared-customers";
import { readSolutionMap } from "./solution-map";
import { readTrackRecords } from "./track-record";

export { SharedCustomerCounts } from "./shared-customers";

/** What the score of the caller's partners depends on beyond the account itself. */
export interface ScoringBasis {
  vendor: VendorSolutionMap | null;
  profiles: Map<string, PartnerProfile>;
  trackRecords: Map<string, PartnerTrackRecord>;
}

export async function loadScoringBasis(
  tx: Tx,
  callerOrgId: string,
  partners: readonly NamedOrg[],
  sharedCustomers: SharedCustomerCounts,
): Promise<ScoringBasis> {
  const vendor = await readSolutionMap(tx, callerOrgId);
  const partnerOrgIds = partners.map((partner) => partner.id);
  return {
    vendor,
    profiles: await readProfiles(tx, partners),
    trackRecords: await readTrackRecords(tx, callerOrgId, partnerOrgIds, vendor, sharedCustomers),
  };
}

/** `partner` must be one of those the basis was loaded for. */
export function scoreInAccount(
  basis: ScoringBasis,
  account: AccountContext,
  partner: NamedOrg,
  relationship: Relationship | null,
): PartnerScore {
  return scorePartner({
    partner: basis.profiles.get(partner.id)!,
    vendor: basis.vendor,
    account,
    presence: { relationship },
    trackRecord: basis.trackRecords.get(partner.id)!,
  });
}

const STRENGTH: Readonly<Record<Relationship, number>> = { customer: 3, opportunity: 2, prospect: 1 };
const strengthOf = (relationship: Relationship | null) => (relationship ? STRENGTH[relationship] : 0);

/** A partner can match one account through several of its own; its strongest relationship counts. */
function strongestPresence(partners: readonly Omit<PartnerInAccount, "score">[]) {
  const present = new Map<string, { org: NamedOrg; relationship: Relationship | null }>();
  for (const { partner, relationship } of partners) {
    const seen = present.get(partner.id);
    if (!seen || strengthOf(relationship) > strengthOf(seen.relationship)) {
      present.set(partner.id, { org: partner, relationship });
    }
  }
  return [...present.values()];
}

/**
 * Scores the partners present in one of the caller's accounts and orders them best first (see
 * rankPartners); a partner's several matches stay together, in the order they came.
 */
export async function scoreAndRank<T extends Omit<PartnerInAccount, "score">>(
  tx: Tx,
  callerOrgId: string,
  account: AccountContext,
  partners: readonly T[],
  sharedCustomers: SharedCustomerCounts,
): Promise<Array<T & { score: PartnerScore }>> {
  if (partners.length === 0) return [];
  const present = strongestPresence(partners);
  const basis = await loadScoringBasis(
    tx,
    callerOrgId,
    present.map(({ org }) => org),
    sharedCustomers,
  );
  const ranked = rankPartners(
    present.map(({ org, relationship }) => scoreInAccount(basis, account, org, relationship)),
  );
  const position = new Map(ranked.map((score, index) => [score.partnerOrgId, { score, index }]));
  return partners
    .map((partner) => ({ ...partner, score: position.get(partner.partner.id)!.score }))
    .sort((a, b) => position.get(a.partner.id)!.index - position.get(b.partner.id)!.index);
}
