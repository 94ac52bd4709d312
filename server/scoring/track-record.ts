/**
 * A partner's track record with the caller's organisation, for many partners at once: how it
 * answered the intros the caller sent it, and the customers the caller shares with it.
 */
import { sql } from "drizzle-orm";
import type { PartnerTrackRecord, VendorSolutionMap } from "../../src/scoring";
import { rows, type Tx } from "../db/client";
import { type CountsFreshness, type SharedCustomerCounts, sqlList } from "./shared-customers";

interface IntroCounts {
  partner_org_id: string;
  accepted: number;
  declined: number;
  expired: number;
  median_hours: number | null;
}

/** Only intros the caller's organisation sent count: they show how the partner treats its requests. */
async function readIntroCounts(tx: Tx, callerOrgId: string, partnerOrgIds: readonly string[]) {
  const found = await rows<IntroCounts>(
    tx,
    sql`select to_org_id as partner_org_id,
          count(*) filter (where status = 'accepted')::int as accepted,
          count(*) filter (where status = 'declined')::int as declined,
          count(*) filter (where status = 'expired')::int as expired,
          percentile_cont(0.5) within group (order by extract(epoch from responded_at - created_at) / 3600)
            filter (where status in ('accepted', 'declined') and responded_at is not null) as median_hours
        from intro_requests
        where from_org_id = ${callerOrgId} and to_org_id in (${sqlList(partnerOrgIds)})
        group by to_org_id`,
  );
  return new Map(found.map((row) => [row.partner_org_id, row]));
}

export async function readTrackRecords(
  tx: Tx,
  callerOrgId: string,
  partnerOrgIds: readonly string[],
  vendor: VendorSolutionMap | null,
  sharedCustomers: SharedCustomerCounts,
  freshness?: CountsFreshness,
): Promise<Map<string, PartnerTrackRecord>> {
  if (partnerOrgIds.length === 0) return new Map();
  const intros = await readIntroCounts(tx, callerOrgId, partnerOrgIds);
  const shared = await sharedCustomers.read(
    tx,
    callerOrgId,
    partnerOrgIds,
    vendor?.target ?? null,
    freshness,
  );
  return new Map(
    partnerOrgIds.map((id) => {
      const answered = intros.get(id);
      const record: PartnerTrackRecord = {
        introsAccepted: answered?.accepted ?? 0,
        introsDeclined: answered?.declined ?? 0,
        introsExpiredUnanswered: answered?.expired ?? 0,
        medianResponseHours: answered?.median_hours ?? null,
        ...shared.get(id)!,
      };
      return [id, record];
    }),
  );
}
