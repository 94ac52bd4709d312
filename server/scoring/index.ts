/**
 * Server-side assembly of the complementarity score (src/scoring): it reads what the score needs
 * under the caller's row-level security, a fixed number of queries however many partners there are.
 */
import type { ScoringBasis } from "../../src/scoring";
import type { Tx } from "../db/client";
import { type NamedOrg, readProfiles } from "./profiles";
import type { CountsFreshness, SharedCustomerCounts } from "./shared-customers";
import { readSolutionMap } from "./solution-map";
import { readTrackRecords } from "./track-record";

export { SharedCustomerCounts } from "./shared-customers";

/** What the scores of the caller's partners depend on beyond the account itself. */
export async function loadScoringBasis(
  tx: Tx,
  callerOrgId: string,
  partners: readonly NamedOrg[],
  sharedCustomers: SharedCustomerCounts,
  freshness?: CountsFreshness,
): Promise<ScoringBasis> {
  const vendor = await readSolutionMap(tx, callerOrgId);
  const partnerOrgIds = partners.map((partner) => partner.id);
  return {
    vendor,
    profiles: await readProfiles(tx, partners),
    trackRecords: await readTrackRecords(tx, callerOrgId, partnerOrgIds, vendor, sharedCustomers, freshness),
  };
}
