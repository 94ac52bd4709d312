/**
 * The scoring basis the sync feed carries (see ScoringBasis in src/contract/sync.ts): the caller's
 * solution map and each partner's profile and track record, read as the account lookup reads them,
 * so that the extension's scores for saved accounts match the server's. Its shared customer counts
 * are current at the page's position: the extension keeps them until the next change.
 */
import type { ScoringBasis } from "../../src/contract/sync";
import type { Tx } from "../db/client";
import type { TenantScope } from "../db/tenant";
import type { ScoringBasisCache } from "../scoring/basis-cache";

export async function readScoringBasis(
  tx: Tx,
  scope: TenantScope,
  cache: ScoringBasisCache,
  feedSeq: number,
): Promise<ScoringBasis> {
  const basis = await cache.read(tx, scope.orgId, feedSeq, { currentCounts: true });
  const vendor = basis.vendor;
  return {
    vendor: vendor && {
      covers: vendor.covers,
      leavesToPartners: vendor.leavesToPartners,
      target: vendor.target,
    },
    partners: basis.partners.map((partner) => {
      const { orgId, name, solutionAreas, offerings, track, coSellOptIn } = basis.profiles.get(partner.id)!;
      return {
        profile: { orgId, name, solutionAreas, offerings, track, coSellOptIn },
        trackRecord: basis.trackRecords.get(partner.id)!,
      };
    }),
  };
}
