/** Reading overlaps through the partner_overlaps view, which applies the partner's sharing rule. */
import { type SQL, sql } from "drizzle-orm";
import type { Relationship } from "../../../src/contract/accounts";
import type { Overlap } from "../../../src/contract/overlaps";
import { explainMatch } from "../../../src/matching";
import { rows, type Tx } from "../../db/client";

interface OverlapRow {
  overlap_id: string;
  account_id: string;
  crm_id: string;
  account_name: string;
  account_relationship: Relationship;
  partner_org_id: string;
  partner_name: string;
  method: "domain" | "name";
  confidence: number;
  matched_on: string;
  partner_relationship: Relationship | null;
  partner_account_name: string | null;
  partner_owner_name: string | null;
  partner_owner_email: string | null;
}

export async function readOverlaps(tx: Tx, where: SQL, limit: number): Promise<Overlap[]> {
  const found = await rows<OverlapRow>(
    tx,
    sql`select po.*, a.name as account_name, a.relationship as account_relationship
        from partner_overlaps po join accounts a on a.id = po.account_id
        where ${where} order by po.overlap_id limit ${limit}`,
  );
  return found.map(toOverlap);
}

function toOverlap(row: OverlapRow): Overlap {
  const how = { method: row.method, confidence: Number(row.confidence), matchedOn: row.matched_on };
  return {
    overlapId: row.overlap_id,
    account: {
      id: row.account_id,
      crmId: row.crm_id,
      name: row.account_name,
      relationship: row.account_relationship,
    },
    partner: { id: row.partner_org_id, name: row.partner_name },
    partnerAccount: {
      name: row.partner_account_name,
      relationship: row.partner_relationship,
      owner:
        row.partner_owner_name || row.partner_owner_email
          ? { name: row.partner_owner_name, email: row.partner_owner_email }
          : null,
    },
    // explainMatch words how the pair matched; which two accounts it was does not enter the sentence.
    match: { ...how, explanation: explainMatch({ leftId: row.account_id, rightId: row.overlap_id, ...how }) },
  };
}
