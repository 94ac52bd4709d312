/**
 * Tenant scoping. Every request of a signed-in user runs its queries through `withTenant`, which
 * opens a transaction, switches to the `cosell_app` role and names the caller's organisation, so
 * PostgreSQL's row-level security (server/db/schema.ts) filters every table to that organisation.
 * A query that forgets its WHERE clause still cannot see another tenant's rows.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "./client";

export interface TenantScope {
  orgId: string;
  userId: string;
}

export async function withTenant<T>(db: Db, scope: TenantScope, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.org_id', ${scope.orgId}, true), set_config('app.user_id', ${scope.userId}, true), set_config('role', 'cosell_app', true)`,
    );
    return work(tx);
  });
}

/** Appends a change to the delta sync feed of `orgId` (and only `userId`, when given). */
export async function recordChange(
  tx: Tx,
  change: {
    orgId: string;
    userId?: string | null;
    entity: string;
    entityId: string;
    op: "upsert" | "delete";
  },
): Promise<void> {
  await tx.execute(
    sql`select record_change(${change.orgId}::uuid, ${change.userId ?? null}::uuid, ${change.entity}, ${change.entityId}, ${change.op})`,
  );
}
