/** Partnerships and their sharing rules, read under the caller's scope. */
import { sql } from "drizzle-orm";
import type { Partnership, SharingRule } from "../../../src/contract/partnerships";
import { rows, type Tx } from "../../db/client";

interface PartnershipRow {
  id: string;
  created_at: string | Date;
  partner_id: string;
  partner_name: string;
  my_level: SharingRule["level"];
  my_populations: SharingRule["populations"];
  my_fields: SharingRule["fields"];
  their_level: SharingRule["level"];
  their_populations: SharingRule["populations"];
  their_fields: SharingRule["fields"];
}

/** The caller's partnerships (all, or the one with `id`), by partner name. */
export async function readPartnerships(tx: Tx, orgId: string, id?: string): Promise<Partnership[]> {
  const found = await rows<PartnershipRow>(
    tx,
    sql`select p.id, p.created_at, o.id as partner_id, o.name as partner_name,
               mine.level as my_level, mine.populations as my_populations, mine.fields as my_fields,
               theirs.level as their_level, theirs.populations as their_populations, theirs.fields as their_fields
        from partnerships p
        join sharing_rules mine on mine.partnership_id = p.id and mine.org_id = ${orgId}
        join sharing_rules theirs on theirs.partnership_id = p.id and theirs.org_id = mine.partner_org_id
        join orgs o on o.id = mine.partner_org_id
        where (p.org_a = ${orgId} or p.org_b = ${orgId}) ${id ? sql`and p.id = ${id}::uuid` : sql``}
        order by o.name, p.id`,
  );
  return found.map((row) => ({
    id: row.id,
    partner: { id: row.partner_id, name: row.partner_name },
    createdAt: new Date(row.created_at).toISOString(),
    sharing: {
      youShare: { level: row.my_level, populations: row.my_populations, fields: row.my_fields },
      theyShare: { level: row.their_level, populations: row.their_populations, fields: row.their_fields },
    },
  }));
}
