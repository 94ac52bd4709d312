/**
 * How many customers the caller shares with each partner, and how many of them are in the caller's
 * target market. Counting them takes a pass over every overlap with the partner, far too slow for
 * every account lookup of a large organisation, so an app keeps the counts for a few minutes.
 */
import { type SQL, sql } from "drizzle-orm";
import type { PartnerTrackRecord, VendorSolutionMap } from "../../src/scoring";
import { labelKey } from "../../src/scoring/completeness";
import { rows, type Tx } from "../db/client";

export type SharedCustomers = Pick<PartnerTrackRecord, "sharedCustomers" | "sharedCustomersInTarget">;
type Target = VendorSolutionMap["target"];

export const sqlList = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
const labels = (values: readonly string[]) => values.map(labelKey);
/** A column's label as labelKey (src/scoring/completeness.ts) has it. */
const labelKeyOf = (column: SQL) =>
  sql`lower(btrim(regexp_replace(normalize(${column}, NFKC), '\\s+', ' ', 'g')))`;

/**
 * Whether the caller's account `a` is in the target market: in one of the listed values of every
 * dimension the target lists any for, with labels compared as the scoring compares them. Null when
 * the target lists nothing, so there is nothing to count against.
 */
function inTarget(target: Target): SQL | null {
  const checks: SQL[] = [];
  if (target.segments.length > 0) checks.push(sql`a.segment in (${sqlList(target.segments)})`);
  if (target.industries.length > 0) {
    checks.push(sql`${labelKeyOf(sql`a.industry`)} in (${sqlList(labels(target.industries))})`);
  }
  if (target.regions.length > 0) {
    checks.push(sql`${labelKeyOf(sql`a.region`)} in (${sqlList(labels(target.regions))})`);
  }
  return checks.length > 0 ? sql.join(checks, sql` and `) : null;
}

interface CountRow {
  partner_org_id: string;
  shares_relationship: boolean;
  customers: number;
  customers_in_target: number;
  accounts: number;
  accounts_in_target: number;
}

/**
 * Counts from the partner_overlaps view, so only what each partner shares counts: a partner that
 * hides its relationships is counted by the accounts we share with it, and the scoring says no more.
 */
async function countSharedCustomers(
  tx: Tx,
  partnerOrgIds: readonly string[],
  target: Target | null,
): Promise<Map<string, SharedCustomers>> {
  const targetSql = target ? inTarget(target) : null;
  const counted = targetSql ?? sql`false`;
  const found = await rows<CountRow>(
    tx,
    sql`select po.partner_org_id,
          bool_or(po.partner_relationship is not null) as shares_relationship,
          count(distinct po.account_id) filter (where po.partner_relationship = 'customer')::int as customers,
          count(distinct po.account_id) filter (where po.partner_relationship = 'customer' and ${counted})::int as customers_in_target,
          count(distinct po.account_id)::int as accounts,
          count(distinct po.account_id) filter (where ${counted})::int as accounts_in_target
        from partner_overlaps po
        join accounts a on a.id = po.account_id
        where po.partner_org_id in (${sqlList(partnerOrgIds)})
        group by po.partner_org_id`,
  );
  const byPartner = new Map<string, SharedCustomers>(
    partnerOrgIds.map((id) => [id, { sharedCustomers: 0, sharedCustomersInTarget: targetSql ? 0 : null }]),
  );
  for (const row of found) {
    const [total, totalInTarget] = row.shares_relationship
      ? [row.customers, row.customers_in_target]
      : [row.accounts, row.accounts_in_target];
    byPartner.set(row.partner_org_id, {
      sharedCustomers: total,
      sharedCustomersInTarget: targetSql ? totalInTarget : null,
    });
  }
  return byPartner;
}

const FIVE_MINUTES = 5 * 60_000;
const MAX_ENTRIES = 10_000;

/**
 * The feed position the caller has reached, and whether the counts must be current there. An account
 * lookup takes counts kept within the time to live; a sync page must not: the extension keeps the
 * counts it brings until the next change, so counts older than the page's position would stay
 * behind the overlaps it holds, with nothing to correct them.
 */
export interface CountsFreshness {
  feedSeq: number;
  current: boolean;
}

const ANY_KEPT: CountsFreshness = { feedSeq: 0, current: false };

/**
 * Shared customer counts, kept per caller, partner, what the partner shares and target market. What
 * the partner shares is part of the key, so hiding its relationships hides them from the counts at
 * once; matching runs and corrections show up within the time to live, and at once for a caller who
 * asks for counts current at its feed position.
 */
export class SharedCustomerCounts {
  /** `feedSeq`: counted at that feed position or later, so current there. */
  readonly #entries = new Map<string, { expiresAt: number; feedSeq: number; counts: SharedCustomers }>();

  constructor(
    private readonly timeToLiveMs = FIVE_MINUTES,
    private readonly now: () => number = Date.now,
  ) {}

  async read(
    tx: Tx,
    callerOrgId: string,
    partnerOrgIds: readonly string[],
    target: Target | null,
    freshness: CountsFreshness = ANY_KEPT,
  ): Promise<Map<string, SharedCustomers>> {
    if (partnerOrgIds.length === 0) return new Map();
    const rules = await rows<{ org_id: string; level: string; populations: string[]; fields: string[] }>(
      tx,
      sql`select org_id, level, populations, fields from sharing_rules
          where partner_org_id = ${callerOrgId} and org_id in (${sqlList(partnerOrgIds)})`,
    );
    const ruleOf = new Map(rules.map((rule) => [rule.org_id, rule]));
    const keyOf = (partnerOrgId: string) => {
      const rule = ruleOf.get(partnerOrgId);
      return JSON.stringify([
        callerOrgId,
        partnerOrgId,
        rule?.level,
        rule?.populations,
        rule?.fields,
        target,
      ]);
    };

    const now = this.now();
    const result = new Map<string, SharedCustomers>();
    for (const id of partnerOrgIds) {
      const entry = this.#entries.get(keyOf(id));
      if (entry && entry.expiresAt > now && (!freshness.current || entry.feedSeq >= freshness.feedSeq)) {
        result.set(id, entry.counts);
      }
    }
    const missing = partnerOrgIds.filter((id) => !result.has(id));
    if (missing.length === 0) return result;

    for (const [id, counts] of await countSharedCustomers(tx, missing, target)) {
      result.set(id, counts);
      // Re-inserted, so the map's order is oldest first and eviction drops the oldest.
      this.#entries.delete(keyOf(id));
      this.#entries.set(keyOf(id), {
        expiresAt: now + this.timeToLiveMs,
        feedSeq: freshness.feedSeq,
        counts,
      });
    }
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= MAX_ENTRIES) break;
      this.#entries.delete(key);
    }
    return result;
  }
}
