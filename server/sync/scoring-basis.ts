/**
 * The scoring basis the sync feed carries (see ScoringBasis in src/contract/sync.ts): the caller's
 * solution map and each partner's profile and track record, read the way the account lookup reads
 * them, so that the extension's scores for saved accounts match the server's.
 */
import { sql } from "drizzle-orm";
import type { ScoringBasis } from "../../src/contract/sync";
import { rows, type Tx } from "../db/client";
import type { TenantScope } from "../db/tenant";
import { loadScoringBasis, type SharedCustomerCounts } from "../scoring";
import type { NamedOrg } from "../scoring/profiles";

export async function readScoringBasis(
  tx: Tx,
  scope: TenantScope,
  sharedCustomers: SharedCustomerCounts,
): Promise<ScoringBasis> {
  // Row-level security shows an organisation itself and its partners only.
  const partners = await rows<NamedOrg>(
    tx,
    sql`select id, name from orgs where id <> ${scope.orgId} order by id`,
  );
  const basis = await loadScoringBasis(tx, scope.orgId, partners, sharedCustomers);
  const vendor = basis.vendor;
  return {
    vendor: vendor && {
      covers: vendor.covers,
      leavesToPartners: vendor.leavesToPartners,
      target: vendor.target,
    },
    partners: partners.map((partner) => {
      const { orgId, name, solutionAreas, offerings, track, coSellOptIn } = basis.profiles.get(partner.id)!;
      return {
        profile: { orgId, name, solutionAreas, offerings, track, coSellOptIn },
        trackRecord: basis.trackRecords.get(partner.id)!,
      };
    }),
  };
}
