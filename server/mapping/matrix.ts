/**
 * The overlap matrix of a partnership, seen from one side: how many overlaps fall in each pair of
 * populations (my customers × their customers, my prospects × their opportunities, …), and how many
 * of my accounts they are. The two differ where the partner holds one company twice (duplicate
 * records): a manager asking "how many of our accounts" wants the second.
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
  /** Matched pairs; null when the partner does not share that population. */
  overlaps: number | null;
  /** My accounts among those pairs, each once; null with `overlaps`. */
  accounts: number | null;
}

export interface OverlapMatrix {
  cells: MatrixCell[];
  /** The partner's populations it does not share: their cells are null. */
  hiddenPopulations: Relationship[];
  /** Overlaps in the cells that are shown. */
  total: number;
  /** My accounts in the cells that are shown, each once, even when it is in two cells. */
  accounts: number;
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
  // The empty grouping set adds the row of all shown cells (mine and theirs null).
  const counts = await rows<{
    mine: Relationship | null;
    theirs: Relationship | null;
    n: number;
    accounts: number;
  }>(
    q,
    sql`select a.relationship as mine, pa.relationship as theirs, count(*)::int as n,
               count(distinct a.id)::int as accounts
        from account_overlaps o
        join accounts a on a.id = o.account_id
        join accounts pa on pa.id = o.partner_account_id
        where o.partnership_id = ${partnershipId} and o.org_id = ${orgId}
          and pa.relationship = any(${sql.param([...shared])}::text[])
          and not exists (
            select 1 from overlap_corrections c
            where (c.org_id = o.org_id and c.crm_id = a.crm_id and c.partner_org_id = o.partner_org_id and c.partner_crm_id = pa.crm_id)
               or (c.org_id = o.partner_org_id and c.crm_id = pa.crm_id and c.partner_org_id = o.org_id and c.partner_crm_id = a.crm_id))
        group by grouping sets ((a.relationship, pa.relationship), ())`,
  );
  const row = (mine: Relationship | null, theirs: Relationship | null) =>
    counts.find((candidate) => candidate.mine === mine && candidate.theirs === theirs);
  const cells = POPULATIONS.flatMap((mine) =>
    POPULATIONS.map((theirs) => {
      const counted = row(mine, theirs);
      return shared.has(theirs)
        ? { mine, theirs, overlaps: counted?.n ?? 0, accounts: counted?.accounts ?? 0 }
        : { mine, theirs, overlaps: null, accounts: null };
    }),
  );
  const all = row(null, null);
  return {
    cells,
    hiddenPopulations: POPULATIONS.filter((population) => !shared.has(population)),
    total: all?.n ?? 0,
    accounts: all?.accounts ?? 0,
  };
}
