/**
 * "Not a match" corrections. A correction is keyed by both accounts' CRM ids, so it outlives the
 * overlap row: re-imports and matching runs may delete and re-create the overlap, and the
 * partner_overlaps view still hides it from both sides.
 *
 * These run on the privileged `Db` because the key needs the partner's CRM id, which row-level
 * security hides from the caller. Routes call them only for an overlap the caller may see (checked
 * under the caller's scope), and they only ever write the caller's organisation's own rows.
 */
import { sql } from "drizzle-orm";
import { type Db, type Queryable, rows } from "../db/client";
import { holdLock } from "../db/locks";
import { auditLog } from "../db/schema";

export interface Correction {
  overlapId: string;
  /** Who said "not a match": the caller's organisation, or the partner (whose reason stays private). */
  markedBy: "you" | "partner";
  reason: string | null;
  markedAt: string;
}

interface OverlapKey {
  crmId: string;
  partnerOrgId: string;
  partnerCrmId: string;
}

/**
 * With `sharedOnly`, only an overlap the partner's sharing rule shows (as the partner_overlaps view
 * reads it, flags aside): one it does not share is no more the caller's to ask about than any other.
 */
async function overlapKey(
  q: Queryable,
  orgId: string,
  overlapId: string,
  { sharedOnly = false } = {},
): Promise<OverlapKey | null> {
  const shared = sql`exists (
    select 1 from sharing_rules r
    where r.partnership_id = o.partnership_id and r.org_id = o.partner_org_id
      and rule_shows(r.level, r.populations, pa.relationship))`;
  const [row] = await rows<{ crm_id: string; partner_org_id: string; partner_crm_id: string }>(
    q,
    sql`select a.crm_id, o.partner_org_id, pa.crm_id as partner_crm_id
        from account_overlaps o
        join accounts a on a.id = o.account_id
        join accounts pa on pa.id = o.partner_account_id
        where o.id = ${overlapId}::uuid and o.org_id = ${orgId} and ${sharedOnly ? shared : sql`true`}`,
  );
  return row
    ? { crmId: row.crm_id, partnerOrgId: row.partner_org_id, partnerCrmId: row.partner_crm_id }
    : null;
}

/** Either side's flag on the pair, ours first. */
async function flagOnPair(q: Queryable, orgId: string, key: OverlapKey) {
  const [row] = await rows<{ ours: boolean; reason: string | null; created_at: string }>(
    q,
    sql`select c.org_id = ${orgId} as ours, c.reason, c.created_at::text from overlap_corrections c
        where flag_on_pair(c, ${orgId}, ${key.crmId}, ${key.partnerOrgId}, ${key.partnerCrmId})
        order by (c.org_id = ${orgId}) desc limit 1`,
  );
  return row;
}

/**
 * The correction hiding one of `orgId`'s overlaps, from either side; ours first. Null for an overlap
 * the partner does not share, whose flags would tell that the partner still has the account.
 */
export async function findCorrection(db: Db, orgId: string, overlapId: string): Promise<Correction | null> {
  const key = await overlapKey(db, orgId, overlapId, { sharedOnly: true });
  if (!key) return null;
  const row = await flagOnPair(db, orgId, key);
  if (!row) return null;
  return {
    overlapId,
    markedBy: row.ours ? "you" : "partner",
    reason: row.ours ? row.reason : null,
    markedAt: new Date(row.created_at).toISOString(),
  };
}

/** Marks one of `orgId`'s overlaps "not a match". Null when the overlap is not theirs. */
export async function markNotAMatch(
  db: Db,
  input: { orgId: string; userId: string; overlapId: string; reason?: string | null },
): Promise<{ correction: Correction; created: boolean } | null> {
  const created = await db.transaction(async (tx) => {
    const key = await overlapKey(tx, input.orgId, input.overlapId);
    if (!key) return null;
    // Both organisations flagging the pair at once would each pass the route's visibility check and
    // add a flag of their own. Taking turns on the pair, whichever side comes second finds the
    // first one's flag and returns it, as it would have a moment later.
    const sides = [`${input.orgId}:${key.crmId}`, `${key.partnerOrgId}:${key.partnerCrmId}`].sort();
    await holdLock(tx, `not-a-match:${sides.join(":")}`);
    if (await flagOnPair(tx, input.orgId, key)) return false;
    const inserted = await rows<{ created_at: string }>(
      tx,
      sql`insert into overlap_corrections (org_id, crm_id, partner_org_id, partner_crm_id, marked_by, reason)
          values (${input.orgId}, ${key.crmId}, ${key.partnerOrgId}, ${key.partnerCrmId}, ${input.userId}, ${input.reason ?? null})
          on conflict do nothing returning created_at::text`,
    );
    if (inserted.length > 0) {
      await tx.insert(auditLog).values({
        orgId: input.orgId,
        actorUserId: input.userId,
        action: "overlap.not_a_match",
        subject: input.overlapId,
        details: { crmId: key.crmId, partnerOrgId: key.partnerOrgId, reason: input.reason ?? null },
      });
    }
    return inserted.length > 0;
  });
  if (created === null) return null;
  const correction = await findCorrection(db, input.orgId, input.overlapId);
  return correction ? { correction, created } : null;
}

/**
 * Removes `orgId`'s own "not a match" flag on one of its overlaps; false when there is none, or when
 * the partner does not share the overlap: answering there would tell that it still has the account.
 */
export async function undoNotAMatch(
  db: Db,
  input: { orgId: string; userId: string; overlapId: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const key = await overlapKey(tx, input.orgId, input.overlapId, { sharedOnly: true });
    if (!key) return false;
    const deleted = await rows<{ reason: string | null }>(
      tx,
      sql`delete from overlap_corrections
          where org_id = ${input.orgId} and crm_id = ${key.crmId}
            and partner_org_id = ${key.partnerOrgId} and partner_crm_id = ${key.partnerCrmId}
          returning reason`,
    );
    if (deleted.length === 0) return false;
    await auditFlagTakenBack(tx, {
      orgId: input.orgId,
      userId: input.userId,
      subject: input.overlapId,
      crmId: key.crmId,
      partnerOrgId: key.partnerOrgId,
      reason: deleted[0]!.reason,
    });
    return true;
  });
}

/**
 * The audit entry of a "not a match" taken back, by its overlap (above) or by the flag's own id
 * (/v1/not-a-match-flags): `subject` is the id it was taken back by.
 */
export async function auditFlagTakenBack(
  tx: Queryable,
  flag: {
    orgId: string;
    userId: string;
    subject: string;
    crmId: string;
    partnerOrgId: string;
    reason: string | null;
  },
): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: flag.orgId,
    actorUserId: flag.userId,
    action: "overlap.not_a_match_undone",
    subject: flag.subject,
    details: { crmId: flag.crmId, partnerOrgId: flag.partnerOrgId, reason: flag.reason },
  });
}
