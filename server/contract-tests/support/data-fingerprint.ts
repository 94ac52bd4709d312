/** Detecting writes to an organisation's data, whichever table they land in. */
import { sql } from "drizzle-orm";
import { type Database, rows } from "../../db/client";

/** The columns by which a row belongs to an organisation. */
const OWNER_COLUMNS = ["org_id", "org_a", "org_b", "partner_org_id", "from_org_id", "to_org_id"];

/**
 * A digest of every row, in every table, that belongs to one of `orgIds`: equal digests before and
 * after a run of requests mean those requests wrote nothing of theirs.
 */
export async function dataFingerprint(database: Database, orgIds: string[]): Promise<Record<string, string>> {
  const columns = await rows<{ table_name: string; column_name: string }>(
    database.db,
    sql`select c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
          and (c.column_name in (${sql.join(
            OWNER_COLUMNS.map((column) => sql`${column}`),
            sql`, `,
          )}) or c.table_name = 'orgs' and c.column_name = 'id')
        order by c.table_name, c.column_name`,
  );
  const byTable = new Map<string, string[]>();
  for (const { table_name, column_name } of columns) {
    byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
  }
  const ids = sql`array[${sql.join(
    orgIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  const fingerprint: Record<string, string> = {};
  for (const [table, owners] of byTable) {
    const belongs = sql.join(
      owners.map((column) => sql`t.${sql.identifier(column)} = any(${ids})`),
      sql` or `,
    );
    const [digest] = await rows<{ digest: string }>(
      database.db,
      sql`select count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest
          from ${sql.identifier(table)} t where ${belongs}`,
    );
    fingerprint[table] = digest!.digest;
  }
  return fingerprint;
}
