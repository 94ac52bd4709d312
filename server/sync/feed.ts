/**
 * The delta sync feed (GET /v1/sync). A client first pages through everything it may see (a full
 * sync), then asks only for what changed since its cursor. "What changed" comes from the `changes`
 * table, which triggers fill (migrations 0004 and 0007) and whose `seq` order is commit order
 * (migration 0002), so "every change after seq N" never skips one that committed late.
 *
 * The feed does not trust a change to say what the client should now hold: it re-reads each
 * changed overlap through `partner_overlaps`, so sharing rules, "not a match" flags and deletions
 * all come out the same way, as present (upsert) or absent (tombstone).
 */
import { sql } from "drizzle-orm";
import type { SyncResponse, Tombstone } from "../../src/contract/sync";
import { rows, type Tx } from "../db/client";
import type { TenantScope } from "../db/tenant";
import { type SyncedOverlapRow, toSyncedOverlap } from "./partner-overlaps";
import { readUserSettings } from "./settings";

/** Where a client is in the feed; the cursor carries it between requests. */
export interface FeedPosition {
  /** Every change up to this `changes.seq` has been delivered (or, during a full sync, will be). */
  seq: number;
  /** Set while a full sync is under way: the last overlap id sent, for keyset paging. */
  afterOverlap?: string;
}

/** A page without its scoring basis, which the route adds when the page carries changes. */
export type FeedPage = Omit<SyncResponse, "cursor" | "scoring"> & { position: FeedPosition };

const SELECT_SYNCED_OVERLAPS = sql`select v.*, a.name as account_name, a.industry as account_industry,
    a.segment as account_segment, a.region as account_region
  from partner_overlaps v join accounts a on a.id = v.account_id`;

/**
 * One page of a full sync. `from` is null for the first page, which records the feed position
 * before reading anything: changes committed while the client pages through are then delivered by
 * the deltas that follow, even if the page that would have shown them was already read.
 */
export async function readFullSyncPage(
  tx: Tx,
  scope: TenantScope,
  from: Required<FeedPosition> | null,
  limit: number,
): Promise<FeedPage> {
  const seq = from?.seq ?? (await latestSeq(tx));
  const found = await rows<SyncedOverlapRow>(
    tx,
    sql`${SELECT_SYNCED_OVERLAPS}
        ${from ? sql`where v.overlap_id > ${from.afterOverlap}::uuid` : sql``}
        order by v.overlap_id limit ${limit + 1}`,
  );
  const page = found.slice(0, limit);
  const more = found.length > limit;
  const last = page.at(-1)?.overlap_id ?? from?.afterOverlap;
  return {
    position: more && last ? { seq, afterOverlap: last } : { seq },
    hasMore: more || (await changedSince(tx, scope, seq)),
    reset: from === null,
    overlaps: page.map(toSyncedOverlap),
    deleted: [],
    settings: from === null ? await readUserSettings(tx, scope.userId) : null,
  };
}

/**
 * What changed after `seq`, at most `limit` distinct entities. The position advances past every
 * change read, including those of entities the feed does not carry yet (intros), so they never
 * hold a client back.
 */
export async function readChangesSince(
  tx: Tx,
  scope: TenantScope,
  seq: number,
  limit: number,
): Promise<FeedPage> {
  const { changed, position, hasMore } = await scanChanges(tx, scope, seq, limit);
  const overlapIds = changed.filter((change) => change.entity === "overlap").map((change) => change.id);
  const present = new Map(
    (overlapIds.length === 0
      ? []
      : await rows<SyncedOverlapRow>(
          tx,
          sql`${SELECT_SYNCED_OVERLAPS} where v.overlap_id in (${sql.join(
            overlapIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
        )
    ).map((row) => [row.overlap_id, toSyncedOverlap(row)]),
  );
  const deleted: Tombstone[] = overlapIds
    .filter((id) => !present.has(id))
    .map((id) => ({ entity: "overlap", id }));
  const settingsChanged = changed.some((change) => change.entity === "settings");
  return {
    position: { seq: position },
    hasMore,
    reset: false,
    overlaps: overlapIds.flatMap((id) => present.get(id) ?? []),
    deleted,
    settings: settingsChanged ? await readUserSettings(tx, scope.userId) : null,
  };
}

interface ChangedEntity {
  entity: string;
  id: string;
}

/**
 * Reads changes in order until `limit` distinct entities are collected. An entity that changed
 * several times counts once; the page ends just before the first change of one entity too many.
 */
async function scanChanges(tx: Tx, scope: TenantScope, seq: number, limit: number) {
  const batchSize = limit * 2;
  const changed = new Map<string, ChangedEntity>();
  let position = seq;
  for (;;) {
    const batch = await rows<{ seq: string | number; entity: string; entity_id: string }>(
      tx,
      // Row-level security also limits this to the caller's own user-scoped rows (settings).
      sql`select seq, entity, entity_id from changes where org_id = ${scope.orgId} and seq > ${position}
          order by seq limit ${batchSize}`,
    );
    for (const change of batch) {
      const key = `${change.entity}\u0000${change.entity_id}`;
      if (!changed.has(key)) {
        if (changed.size === limit) return { changed: [...changed.values()], position, hasMore: true };
        changed.set(key, { entity: change.entity, id: change.entity_id });
      }
      position = Number(change.seq);
    }
    if (batch.length < batchSize) return { changed: [...changed.values()], position, hasMore: false };
  }
}

async function latestSeq(tx: Tx): Promise<number> {
  const [row] = await rows<{ seq: string | number | null }>(
    tx,
    // See migration 0011: under row-level security, max(seq) would read every change.
    sql`select feed_position() as seq`,
  );
  return Number(row?.seq ?? 0);
}

async function changedSince(tx: Tx, scope: TenantScope, seq: number): Promise<boolean> {
  const [row] = await rows<{ changed: boolean }>(
    tx,
    sql`select exists (select 1 from changes where org_id = ${scope.orgId} and seq > ${seq}) as changed`,
  );
  return row?.changed === true;
}
