/**
 * The overlap matrix of a partnership, seen from one side: how many overlaps fall in each pair of
 * populations (my customers × their customers, my prospects × their opportunities, …).
 *
 * An exception to tenant scoping, and the only one in the mapping routes: the partner's side of
 * each overlap (their relationship) is in the partner's accounts, which row-level security hides
 * from the caller, and no view exposes it at counts level. So this runs on the privileged `Db`,
 * and the route calls it only after checking, under the caller's scope, that the caller's
 * organisation belongs to the partnership. It returns counts only, and none for the partner's
 * populations the partner does not share, which the query does not even read.
 */
import { sql } from "drizzle-orm";
import { Relationship } from "../../src/contract/accounts";
import { type Queryable, rows } from "../db/client";

const POPULATIONS = Relationship.options;

export interface MatrixCell {
  mine: Relationship;
  theirs: Relationship;
  /** Null when the partner does not share that population. */
  overlaps: number | null;
}

export interface OverlapMatrix {
  cells: MatrixCell[];
  /** The partner's populations it does not share: their cells are null. */
  hiddenPopulations: Relationship[];
  /** Overlaps in the cells that are shown. */
  total: number;
}

export async function overlapMatrix(
  q: Queryable,
  partnershipId: string,
  orgId: string,
): Promise<OverlapMatrix> {
  const [rule] = await rows<{ populations: Relationship[] }>(
    q,
    sql`select populations from sharing_rules where partnership_id = ${partnershipId} and partner_org_id = ${orgId}`,
  );
  const shared = new Set(rule?.populations ?? []);
  const counts = await rows<{ mine: Relationship; theirs: Relationship; n: number }>(
    q,
    sql`select a.relationship as mine, pa.relationship as theirs, count(*)::int as n
        from account_overlaps o
        join accounts a on a.id = o.account_id
        join accounts pa on pa.id = o.partner_account_id
        where o.partnership_id = ${partnershipId} and o.org_id = ${orgId}
          and pa.relationship = any(${sql.param([...shared])}::text[])
          and not exists (
            select 1 from overlap_corrections c
            where (c.org_id = o.org_id and c.crm_id = a.crm_id and c.partner_org_id = o.partner_org_id and c.partner_crm_id = pa.crm_id)
               or (c.org_id = o.partner_org_id and c.crm_id = pa.crm_id and c.partner_org_id = o.org_id and c.partner_crm_id = a.crm_id))
        group by 1, 2`,
  );
  const count = (mine: Relationship, theirs: Relationship) =>
    counts.find((row) => row.mine === mine && row.theirs === theirs)?.n ?? 0;
  const cells = POPULATIONS.flatMap((mine) =>
    POPULATIONS.map((theirs) => ({
      mine,
      theirs,
      overlaps: shared.has(theirs) ? count(mine, theirs) : null,
    })),
  );
  return {
    cells,
    hiddenPopulations: POPULATIONS.filter((population) => !shared.has(population)),
    total: counts.reduce((sum, row) => sum + row.n, 0),
  };
}
