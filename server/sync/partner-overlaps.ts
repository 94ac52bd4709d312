/**
 * Rows of the `partner_overlaps` view (server/db/migrations/0003_partner_overlaps_view.sql) and
 * how they reach the API. Both the account lookup and the sync feed read the view, so both shape
 * its rows here and cannot drift apart.
 */
import type { PartnerInAccount } from "../../src/contract/partners";
import type { SyncedOverlap } from "../../src/contract/sync";

export interface PartnerOverlapRow {
  overlap_id: string;
  account_id: string;
  partner_org_id: string;
  partner_name: string;
  method: "domain" | "name";
  confidence: number;
  matched_on: string;
  partner_relationship: PartnerInAccount["relationship"];
  partner_account_name: string | null;
  partner_owner_name: string | null;
  partner_owner_email: string | null;
}

/** A view row joined with the caller's own account, as the sync feed reads it. */
export interface SyncedOverlapRow extends PartnerOverlapRow {
  crm_id: string;
  account_name: string;
  account_industry: string | null;
  account_segment: SyncedOverlap["account"]["segment"];
  account_region: string | null;
}

export function toPartnerInAccount(row: PartnerOverlapRow): PartnerInAccount {
  return {
    overlapId: row.overlap_id,
    partner: { id: row.partner_org_id, name: row.partner_name },
    relationship: row.partner_relationship,
    partnerAccountName: row.partner_account_name,
    owner:
      row.partner_owner_name || row.partner_owner_email
        ? { name: row.partner_owner_name, email: row.partner_owner_email }
        : null,
    match: { method: row.method, confidence: Number(row.confidence), matchedOn: row.matched_on },
  };
}

export function toSyncedOverlap(row: SyncedOverlapRow): SyncedOverlap {
  return {
    ...toPartnerInAccount(row),
    account: {
      id: row.account_id,
      crmId: row.crm_id,
      name: row.account_name,
      industry: row.account_industry,
      segment: row.account_segment,
      region: row.account_region,
    },
  };
}
