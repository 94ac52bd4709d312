/**
 * Tenant scoping. Every request of a signed-in user runs its queries through `withTenant`, which
 * opens a transaction, switches to the `cosell_app` role and names the caller's organisation, so
 * PostgreSQL's row-level security (server/db/schema.ts) filters every table to that organisation.
 * A query that forgets its WHERE clause still cannot see another tenant's rows. The one exception
 * is a tenant function (below), which does the same itself, inside one statement.
 */
import { sql } from "drizzle-orm";
import { type Database, type Db, rows, type Tx } from "./client";

export interface TenantScope {
  orgId: string;
  userId: string;
}

export async function withTenant<T>(
  database: Database,
  scope: TenantScope,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  // Written into the statement, so that it can go out with BEGIN in one message (client.ts).
  const orgId = uuidLiteral(scope.orgId);
  const userId = uuidLiteral(scope.userId);
  return database.transaction(
    `select set_config('app.org_id', ${orgId}, true), set_config('app.user_id', ${userId}, true), set_config('role', 'cosell_app', true)`,
    work,
  );
}

/**
 * Tenant functions: SQL functions that take the caller's organisation and user first and enter the
 * tenant themselves (enter_tenant(), migration 0013) before they read anything. A read that is one
 * such call needs no transaction around it: one round trip, where `withTenant` needs BEGIN, its
 * setup, the query and COMMIT. Only the functions named here can be called this way, and a test
 * (tenant.test.ts) holds each of them to starting with enter_tenant().
 */
export const TENANT_FUNCTIONS = ["account_partners"] as const;
export type TenantFunction = (typeof TENANT_FUNCTIONS)[number];

export async function callTenantFunction<T>(
  db: Db,
  scope: TenantScope,
  fn: TenantFunction,
  args: readonly unknown[],
): Promise<T[]> {
  const scoped = [sql`${scope.orgId}::uuid`, sql`${scope.userId}::uuid`, ...args.map((arg) => sql`${arg}`)];
  return rows<T>(db, sql`select * from ${sql.identifier(fn)}(${sql.join(scoped, sql`, `)})`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Scopes come from the database's own ids; anything else is a bug, and never reaches SQL. */
function uuidLiteral(id: string): string {
  if (!UUID.test(id)) throw new Error(`Not a tenant id: ${JSON.stringify(id)}`);
  return `'${id}'`;
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
