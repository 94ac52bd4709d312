/**
 * A matching run: finds the accounts partnered organisations share and keeps the overlaps up to
 * date. It is incremental: a partnership is matched in full once (its `matched_at` is null until
 * then); after that only accounts flagged `needs_match` (new, renamed or with new websites) are
 * re-matched, against candidates fetched by domain and name key. Re-importing 10k changed
 * accounts therefore touches those 10k and their candidates, not the whole list.
 *
 * Matching is symmetric (same domains, or equal names with a website missing on one side), so one
 * side's accounts looked up against the other side's find every pair; each pair is stored twice,
 * once per side, so each organisation's row-level policy sees its own half.
 *
 * This runs with the owner's rights: matching reads both organisations' accounts by nature. What
 * each side may then see of the other is decided by the partner_overlaps view.
 */
import { type SQL, sql } from "drizzle-orm";
import {
  type AccountMatch,
  createMatchIndex,
  type MatchableAccount,
  parseCompanyName,
} from "../../src/matching";
import { type Db, type Queryable, rows } from "../db/client";
import { holdLock } from "../db/locks";
import { type MatchKeysRefresh, refreshMatchKeys } from "./match-keys";

const BATCH = 2_000;

export interface MatchRunResult {
  partnerships: number;
  /** With `full`: the accounts whose stored match keys were checked, and how many had changed. */
  keys?: MatchKeysRefresh;
  /**
   * Accounts looked up against partners' lists: all of one side's accounts for a new partnership,
   * then the changed ones. An account that is both is counted in each pass.
   */
  accountsMatched: number;
  /** Pairs created, or whose method, confidence or matched value changed. */
  overlapsAdded: number;
  overlapsRemoved: number;
}

export interface MatchRunOptions {
  /** Only this organisation's partnerships; without it, every partnership. */
  orgId?: string;
  /**
   * Re-derive every account's match keys with the current rules (match-keys.ts), then match every
   * partnership in scope in full, as if new: overlaps that the current rules no longer make are
   * removed, and ones they now make are added. For after an upgrade that changed the rules.
   */
  full?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** With `full`: accounts whose keys were checked so far, out of the total. */
  onKeysProgress?: (done: number, total: number) => void;
}

interface Partnership {
  id: string;
  org_a: string;
  org_b: string;
  matched_at: string | null;
}

/** A pass looks up some of one organisation's accounts against some of its partners. */
interface Pass {
  orgId: string;
  /** The partnerships to match against, each with the partner organisation's id. */
  against: { partnership: Partnership; partnerOrgId: string }[];
  /** Every account of the organisation, or only the flagged ones. */
  which: "all" | "flagged";
  /** Only accounts changed after this time: when the one partnership of the pass was last matched. */
  changedAfter?: string;
  /**
   * Clears the flags of the accounts it matched. Only a pass that covers every partnership of the
   * organisation may: otherwise a partnership left out would never see the change.
   */
  clearsFlags: boolean;
}

export async function runMatching(db: Db, options: MatchRunOptions = {}): Promise<MatchRunResult> {
  const startedAt = await rows<{ now: string }>(db, sql`select now()::text as now`).then((r) => r[0]!.now);
  const partnerships = await rows<Partnership>(
    db,
    options.orgId
      ? sql`select id, org_a, org_b, matched_at::text from partnerships where org_a = ${options.orgId} or org_b = ${options.orgId} order by id`
      : sql`select id, org_a, org_b, matched_at::text from partnerships order by id`,
  );
  let keys: MatchKeysRefresh | undefined;
  if (options.full) keys = await refreshKeys(db, partnerships, options.onKeysProgress);
  const passes = await planPasses(db, partnerships, options.orgId, options.full ?? false);
  const total = await countWork(db, passes);
  const result: MatchRunResult = {
    partnerships: partnerships.length,
    ...(keys ? { keys } : {}),
    accountsMatched: 0,
    overlapsAdded: 0,
    overlapsRemoved: 0,
  };
  let done = 0;
  options.onProgress?.(done, total);
  for (const pass of passes) {
    await runPass(db, pass, (batch) => {
      result.accountsMatched += batch.accounts;
      result.overlapsAdded += batch.added;
      result.overlapsRemoved += batch.removed;
      done += batch.accounts;
      options.onProgress?.(done, total);
    });
  }
  if (partnerships.length > 0) {
    const ids = sql.param(partnerships.map((p) => p.id));
    await db.execute(
      sql`update partnerships set matched_at = ${startedAt}::timestamptz where id = any(${ids}::uuid[])`,
    );
  }
  return result;
}

/** The keys of every account of every organisation in `partnerships`, brought up to the current rules. */
async function refreshKeys(
  db: Db,
  partnerships: readonly Partnership[],
  onProgress?: (done: number, total: number) => void,
): Promise<MatchKeysRefresh> {
  const orgIds = [...new Set(partnerships.flatMap((p) => [p.org_a, p.org_b]))];
  if (orgIds.length === 0) return { accounts: 0, changed: 0 };
  const [count] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from accounts where org_id = any(${sql.param(orgIds)}::uuid[])`,
  );
  let done = 0;
  onProgress?.(done, count!.n);
  return refreshMatchKeys(db, orgIds, (accounts) => {
    done += accounts;
    onProgress?.(done, Math.max(done, count!.n));
  });
}

/**
 * A new partnership is matched in full, from one side; with `full`, every partnership is. Then each organisation in scope looks up its
 * flagged accounts against its other partnerships and clears their flags. With `orgId`, partners'
 * flagged accounts are looked up against that organisation too, but keep their flags for their
 * own next run, which covers their other partnerships.
 */
async function planPasses(
  db: Db,
  partnerships: readonly Partnership[],
  orgId: string | undefined,
  full: boolean,
): Promise<Pass[]> {
  const passes: Pass[] = partnerships
    .filter((p) => full || p.matched_at === null)
    .map((p) => ({
      orgId: p.org_a,
      against: [{ partnership: p, partnerOrgId: p.org_b }],
      which: "all",
      clearsFlags: false,
    }));
  const matched = partnerships.filter((p) => p.matched_at !== null);
  const partnersOf = (org: string) =>
    matched
      .filter((p) => p.org_a === org || p.org_b === org)
      .map((p) => ({ partnership: p, partnerOrgId: p.org_a === org ? p.org_b : p.org_a }));
  const inScope = orgId
    ? [orgId]
    : (await rows<{ org_id: string }>(db, sql`select distinct org_id from accounts where needs_match`)).map(
        (r) => r.org_id,
      );
  for (const org of inScope.sort()) {
    passes.push({ orgId: org, against: partnersOf(org), which: "flagged", clearsFlags: true });
  }
  if (orgId) {
    for (const { partnership, partnerOrgId } of partnersOf(orgId)) {
      passes.push({
        orgId: partnerOrgId,
        against: [{ partnership, partnerOrgId: orgId }],
        which: "flagged",
        // A flag older than the partnership's last run was seen by that run: it is still set
        // because the partner's other partnerships have not seen it yet. (A change committed while
        // that run was reading could have slipped past it; the partner's own run, which covers all
        // its partnerships and clears the flag, catches it.)
        changedAfter: partnership.matched_at!,
        clearsFlags: false,
      });
    }
  }
  return passes;
}

async function countWork(db: Db, passes: readonly Pass[]): Promise<number> {
  let total = 0;
  for (const pass of passes) {
    if (pass.against.length === 0) continue;
    const [row] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from accounts where org_id = ${pass.orgId} and ${selection(pass)}`,
    );
    total += row!.n;
  }
  return total;
}

interface BatchOutcome {
  accounts: number;
  added: number;
  removed: number;
}

function selection(pass: Pass): SQL {
  if (pass.which === "all") return sql`true`;
  return pass.changedAfter
    ? sql`needs_match and updated_at > ${pass.changedAfter}::timestamptz`
    : sql`needs_match`;
}

async function runPass(db: Db, pass: Pass, onBatch: (outcome: BatchOutcome) => void): Promise<void> {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const outcome = await db.transaction(async (tx) => {
      // No row locks: an import waiting for this batch while holding the sync feed's lock, which
      // the batch's writes then waited for, deadlocked, and one of the two failed. Each account's
      // updated_at tells instead whether a change came after this read (see clearFlags).
      const seen = await rows<{ id: string; updated_at: string }>(
        tx,
        sql`select id, updated_at::text from accounts
            where org_id = ${pass.orgId} and ${selection(pass)} and id > ${after}::uuid
            order by id limit ${BATCH}`,
      );
      const ids = seen.map((r) => r.id);
      if (ids.length === 0) return null;
      after = ids.at(-1)!;
      let added = 0;
      let removed = 0;
      if (pass.against.length > 0) {
        // Writers of one partnership's overlaps take turns, so two concurrent runs cannot store
        // the same pair twice. Every lock of the batch is taken before its first write: each write
        // also takes the sync feed's lock (migration 0018), and a batch holding it while it waited
        // for its next partnership's lock deadlocked with a run that held that one and waited for
        // the feed's. Passes list their partnerships in id order, so runs take them in one order.
        for (const { partnership } of pass.against) {
          await holdLock(tx, partnership.id);
        }
        const own = await loadMatchable(tx, sql`a.id = any(${sql.param(ids)}::uuid[])`);
        for (const { partnership, partnerOrgId } of pass.against) {
          const change = await rematch(tx, partnership.id, own, pass.orgId, partnerOrgId);
          added += change.added;
          removed += change.removed;
        }
      }
      return { accounts: pass.against.length > 0 ? ids.length : 0, added, removed, seen };
    });
    if (outcome === null) return;
    if (pass.clearsFlags) await clearFlags(db, outcome.seen);
    onBatch(outcome);
  }
}

/**
 * Clears the flags of the accounts a batch matched, once its overlaps are committed, except where an
 * import changed the account after the batch read it: that change keeps its flag for the next run.
 * It skips accounts an import is writing at that moment, which keep their flag too, rather than
 * wait for them: waiting on rows that an import locks in another order could deadlock. A run that
 * stops before this only leaves accounts to be matched again.
 */
async function clearFlags(db: Db, seen: readonly { id: string; updated_at: string }[]): Promise<void> {
  const ids = sql.param(seen.map((r) => r.id));
  await db.execute(
    sql`with free as (
          select id, updated_at from accounts where id = any(${ids}::uuid[]) for no key update skip locked)
        update accounts a set needs_match = false
        from free join unnest(${ids}::uuid[], ${sql.param(seen.map((r) => r.updated_at))}::timestamptz[])
          as seen(id, updated_at) on seen.id = free.id
        where a.id = free.id and free.updated_at = seen.updated_at`,
  );
}

async function loadMatchable(q: Queryable, where: ReturnType<typeof sql>): Promise<MatchableAccount[]> {
  const found = await rows<{ id: string; name: string; domains: string[] }>(
    q,
    // A subquery per account reads its domains through the primary key; a join makes the planner
    // hash the whole account_domains table for every batch.
    sql`select a.id, a.name, array(select d.domain from account_domains d where d.account_id = a.id) as domains
        from accounts a where ${where}`,
  );
  return found.map((row) => ({ id: row.id, name: row.name, domains: row.domains }));
}

const pairKey = (accountId: string, partnerAccountId: string) => `${accountId}|${partnerAccountId}`;

/**
 * Matches `own` (accounts of `ownOrg`) against the partner's accounts and makes the stored overlaps
 * of those accounts in this partnership equal to the result, both halves of each pair. The caller
 * holds the partnership's lock (see runPass).
 */
async function rematch(
  tx: Queryable,
  partnershipId: string,
  own: readonly MatchableAccount[],
  ownOrg: string,
  partnerOrg: string,
): Promise<{ added: number; removed: number }> {
  const parsed = own.map((account) => ({ ...account, companyName: parseCompanyName(account.name) }));
  const domains = [...new Set(parsed.flatMap((account) => account.domains))];
  // Keys too short or generic to match on would only fetch candidates the matcher turns down.
  const keys = [...new Set(parsed.filter((a) => a.companyName.strength > 0).map((a) => a.companyName.key))];
  const candidates = await loadMatchable(
    tx,
    sql`a.org_id = ${partnerOrg} and (a.name_key = any(${sql.param(keys)}::text[])
        or a.id in (select account_id from account_domains where org_id = ${partnerOrg} and domain = any(${sql.param(domains)}::text[])))`,
  );
  const index = createMatchIndex(candidates);
  const wanted = new Map<string, AccountMatch>();
  for (const account of parsed) {
    for (const match of index.matchOne(account)) wanted.set(pairKey(match.leftId, match.rightId), match);
  }

  const existing = await rows<{
    account_id: string;
    partner_account_id: string;
    method: string;
    confidence: number;
    matched_on: string;
  }>(
    tx,
    sql`select account_id, partner_account_id, method, confidence, matched_on from account_overlaps
        where partnership_id = ${partnershipId} and org_id = ${ownOrg}
          and account_id = any(${sql.param(own.map((a) => a.id))}::uuid[])`,
  );
  const stale: typeof existing = [];
  for (const row of existing) {
    const key = pairKey(row.account_id, row.partner_account_id);
    const match = wanted.get(key);
    if (!match) stale.push(row);
    // Unchanged pairs are left alone so the sync feed only carries real changes.
    else if (
      match.method === row.method &&
      match.matchedOn === row.matched_on &&
      Math.abs(match.confidence - Number(row.confidence)) < 1e-9
    ) {
      wanted.delete(key);
    }
  }
  if (stale.length > 0) {
    // Both halves of each pair, as (account, partner account) rows the unique index finds.
    const accountIds = [...stale.map((row) => row.account_id), ...stale.map((row) => row.partner_account_id)];
    const partnerIds = [...stale.map((row) => row.partner_account_id), ...stale.map((row) => row.account_id)];
    await tx.execute(sql`delete from account_overlaps o
      using unnest(${sql.param(accountIds)}::uuid[], ${sql.param(partnerIds)}::uuid[]) as gone(account_id, partner_account_id)
      where o.account_id = gone.account_id and o.partner_account_id = gone.partner_account_id`);
  }
  if (wanted.size > 0) await storePairs(tx, partnershipId, ownOrg, partnerOrg, [...wanted.values()]);
  return { added: wanted.size, removed: stale.length };
}

async function storePairs(
  tx: Queryable,
  partnershipId: string,
  ownOrg: string,
  partnerOrg: string,
  matches: readonly AccountMatch[],
): Promise<void> {
  const halves = matches.flatMap((match) => [
    { org: ownOrg, partnerOrg, account: match.leftId, partnerAccount: match.rightId, match },
    { org: partnerOrg, partnerOrg: ownOrg, account: match.rightId, partnerAccount: match.leftId, match },
  ]);
  const column = <T>(pick: (half: (typeof halves)[number]) => T) => sql.param(halves.map(pick));
  await tx.execute(sql`insert into account_overlaps
      (org_id, partner_org_id, partnership_id, account_id, partner_account_id, method, confidence, matched_on)
    select org_id, partner_org_id, ${partnershipId}::uuid, account_id, partner_account_id, method, confidence, matched_on
    from unnest(${column((h) => h.org)}::uuid[], ${column((h) => h.partnerOrg)}::uuid[],
                ${column((h) => h.account)}::uuid[], ${column((h) => h.partnerAccount)}::uuid[],
                ${column((h) => h.match.method)}::text[], ${column((h) => h.match.confidence)}::float8[],
                ${column((h) => h.match.matchedOn)}::text[])
      as pair(org_id, partner_org_id, account_id, partner_account_id, method, confidence, matched_on)
    on conflict (account_id, partner_account_id) do update
      set method = excluded.method, confidence = excluded.confidence, matched_on = excluded.matched_on`);
}
