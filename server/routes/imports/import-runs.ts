/** Reads an import run as the API shows it, under the caller's scope. */
import { sql } from "drizzle-orm";
import type { ImportRun, RowError, UnrecognisedRelationships } from "../../../src/contract/imports";
import { rows, type Tx } from "../../db/client";

interface RunRow {
  id: string;
  source: string;
  status: ImportRun["status"];
  rows_ok: number;
  rows_failed: number;
  errors: RowError[];
  started_at: string | Date;
  finished_at: string | Date | null;
  outcome: {
    inserted?: number;
    updated?: number;
    unchanged?: number;
    duplicates?: number;
    unrecognisedRelationships?: UnrecognisedRelationships;
    reason?: string;
  } | null;
}

const iso = (value: string | Date) => new Date(value).toISOString();

export async function readImportRun(tx: Tx, id: string): Promise<ImportRun | null> {
  // The audit entry of a finished run holds its outcome (see server/mapping/import.ts).
  const [run] = await rows<RunRow>(
    tx,
    sql`select r.id, r.source, r.status, r.rows_ok, r.rows_failed, r.errors, r.started_at, r.finished_at,
               l.details as outcome
        from import_runs r
        left join lateral (
          select details from audit_log
          where org_id = r.org_id and subject = r.id::text and action in ('accounts.import', 'accounts.import_failed')
          order by id desc limit 1
        ) l on true
        where r.id = ${id}::uuid`,
  );
  if (!run) return null;
  const applied = run.status === "applied";
  return {
    id: run.id,
    source: run.source,
    status: run.status,
    rowsOk: run.rows_ok,
    rowsFailed: run.rows_failed,
    errors: run.errors,
    inserted: applied ? (run.outcome?.inserted ?? 0) : null,
    updated: applied ? (run.outcome?.updated ?? 0) : null,
    unchanged: applied ? (run.outcome?.unchanged ?? 0) : null,
    duplicates: applied ? (run.outcome?.duplicates ?? 0) : null,
    unrecognisedRelationships: applied ? (run.outcome?.unrecognisedRelationships ?? null) : null,
    failure:
      run.status === "failed"
        ? (run.outcome?.reason ?? "Superseded by a newer import of the same organisation.")
        : null,
    startedAt: iso(run.started_at),
    finishedAt: run.finished_at === null ? null : iso(run.finished_at),
  };
}
