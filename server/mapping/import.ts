/**
 * Importing an organisation's accounts from a CRM export, in two steps:
 *
 * 1. Staging: the CSV is streamed through `parseAccountsCsv`, and good rows are written to
 *    `import_rows` in committed batches. Nothing is visible to users yet, and memory holds one
 *    batch and the first bad rows, whatever the file size.
 * 2. Applying: one transaction upserts the staged rows into `accounts` (the last row wins when a
 *    CRM id appears twice), marks the run `applied` and writes the audit entry. A crash before the
 *    commit leaves the accounts exactly as they were.
 *
 * Then incremental matching runs for the organisation.
 *
 * A run still `staging` when a new import of the same organisation starts was interrupted (or is
 * still going in another process): the new run supersedes it, marking it `failed` (with an
 * `accounts.import_failed` audit entry) and dropping its staged rows, and re-stages the whole file
 * itself. Rerunning an interrupted import therefore
 * completes it, and since the upsert skips unchanged rows, a rerun after a complete import changes
 * nothing. If the superseded import was in fact still going, it fails when it tries to apply, with
 * `ImportSupersededError`, and applies nothing.
 *
 * The counts of an applied run (inserted, updated, unchanged) and the relationship values it did not
 * recognise live in its audit entry (action `accounts.import`, subject = run id), which is the record
 * of what the import did.
 */
import { sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import type { AccountInput, Relationship } from "../../src/contract/accounts";
import type { UnrecognisedRelationships } from "../../src/contract/imports";
import { toBareGuid } from "../../src/crm-ids/guid";
import type { Db, Tx } from "../db/client";
import { rows } from "../db/client";
import { holdLock } from "../db/locks";
import { auditLog, importRuns } from "../db/schema";
import type { DateOrder } from "../import/dates";
import { parseAccountsCsv } from "../import/parse-accounts";
import { UnrecognisedRelationshipTally } from "../import/unrecognised-relationships";
import type { RelationshipValues } from "../import/values";
import { upsertAccounts } from "./accounts";
import { type MatchRunResult, runMatching } from "./match-run";

/** Bad rows kept with their reason; all of them are counted. */
export const KEPT_ERRORS = 1_000;
/** Good rows written per staging transaction. */
const STAGE_BATCH = 1_000;
/** Staged rows read back per upsert while applying. */
const APPLY_BATCH = 2_000;

export interface RowError {
  line: number;
  reason: string;
}

export interface ImportOptions {
  /** What was imported, for the run's record: a file name, or "upload". */
  source: string;
  /** The user who imported, for the audit log; null for the CLI. */
  actorUserId?: string | null;
  format?: "auto" | "salesforce" | "hubspot";
  /** `{ "<csv header>": "<field>" }`, for columns the format detection does not know. */
  map?: Record<string, string>;
  /** For a file without a relationship column, and rows whose relationship is empty or not recognised. */
  defaultRelationship?: Relationship;
  /** The export's own relationship values (see `toRelationship`). */
  relationshipValues?: RelationshipValues;
  dateOrder?: DateOrder;
  /** Called after each committed staging batch. */
  onStaged?: (progress: { rowsOk: number; rowsFailed: number }) => void;
  /**
   * Called as applying starts and after each page of staged rows it applies: `total` is the
   * accounts the import holds once in-file duplicates are dropped. Applying takes about as long as
   * reading the file, with nothing else to show for it.
   */
  onApplyProgress?: (done: number, total: number) => void;
  onMatchProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  id: string;
  rowsOk: number;
  rowsFailed: number;
  /** The first KEPT_ERRORS bad rows. */
  errors: RowError[];
  inserted: number;
  updated: number;
  unchanged: number;
  /** Good rows replaced by a later row with the same CRM id. */
  duplicates: number;
  /** Null when every relationship value was recognised. */
  unrecognisedRelationships: UnrecognisedRelationships | null;
  matching: MatchRunResult;
}

/** A newer import of the same organisation started while this one was staging. */
export class ImportSupersededError extends Error {
  override readonly name = "ImportSupersededError";
}

export async function importAccountsCsv(
  db: Db,
  orgId: string,
  input: NodeJS.ReadableStream | AsyncIterable<Buffer | string>,
  options: ImportOptions,
): Promise<ImportSummary> {
  const runId = await startRun(db, orgId, options);
  const staged = { rowsOk: 0, rowsFailed: 0, errors: [] as RowError[] };
  const unrecognised = new UnrecognisedRelationshipTally();
  try {
    let batch: { line: number; account: AccountInput }[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const records = JSON.stringify(batch);
      batch = [];
      // One JSON parameter: thousands of separate ones make PGlite several times slower.
      await db.execute(sql`insert into import_rows (run_id, org_id, line, account)
        select ${runId}::uuid, ${orgId}::uuid, line, account
        from json_to_recordset(${records}::json) as r(line int, account jsonb)`);
      options.onStaged?.({ rowsOk: staged.rowsOk, rowsFailed: staged.rowsFailed });
    };
    for await (const row of parseAccountsCsv(input, options)) {
      if (row.ok) {
        staged.rowsOk++;
        if (row.unrecognisedRelationship !== undefined) unrecognised.add(row.unrecognisedRelationship);
        // Staged under the key the upsert uses, so that applying finds every in-file duplicate.
        batch.push({ line: row.line, account: { ...row.account, crmId: toBareGuid(row.account.crmId) } });
        if (batch.length >= STAGE_BATCH) await flush();
      } else {
        staged.rowsFailed++;
        if (staged.errors.length < KEPT_ERRORS) {
          staged.errors.push({ line: row.line, reason: storable(row.reason) });
        }
      }
    }
    await flush();
  } catch (error) {
    // The error that stopped the import is the one to report, as when applying fails below.
    await failRun(db, runId, orgId, options, staged, error).catch(() => {});
    throw error;
  }
  const unrecognisedRelationships = unrecognised.summary(options.defaultRelationship ?? "prospect");
  let applied: Awaited<ReturnType<typeof applyRun>>;
  try {
    applied = await applyRun(db, runId, orgId, options, staged, unrecognisedRelationships);
  } catch (error) {
    // The error that stopped the import is the one worth reporting; should recording the failure
    // fail too, the run stays `staging` and the next import supersedes it.
    await failRun(db, runId, orgId, options, staged, error).catch(() => {});
    throw error;
  }
  const matching = await runMatching(db, { orgId, onProgress: options.onMatchProgress });
  return { id: runId, ...staged, ...applied, unrecognisedRelationships, matching };
}

async function startRun(
  db: Db,
  orgId: string,
  { source, actorUserId }: Pick<ImportOptions, "source" | "actorUserId">,
): Promise<string> {
  return db.transaction(async (tx) => {
    await lockOrgImports(tx, orgId);
    const superseded = await rows<{ id: string }>(
      tx,
      sql`update import_runs set status = 'failed', finished_at = now()
          where org_id = ${orgId} and status = 'staging' returning id`,
    );
    if (superseded.length > 0) {
      await tx.execute(
        sql`delete from import_rows where run_id = any(${sql.param(superseded.map((r) => r.id))}::uuid[])`,
      );
    }
    const [run] = await tx.insert(importRuns).values({ orgId, source }).returning({ id: importRuns.id });
    for (const { id } of superseded) {
      await tx.insert(auditLog).values({
        orgId,
        actorUserId: actorUserId ?? null,
        action: "accounts.import_failed",
        subject: id,
        details: {
          reason: "A newer import of this organisation started before this one was applied.",
          supersededBy: run!.id,
        },
      });
    }
    return run!.id;
  });
}

/** Starting and applying imports of one organisation take turns (see the file comment). */
/** One import of an organisation at a time starts or applies: see startRun and applyRun. */
async function lockOrgImports(tx: Tx, orgId: string): Promise<void> {
  await holdLock(tx, `import:${orgId}`);
}

/**
 * Makes an upload of `orgId`'s accounts (../upload) wait while an import of that organisation is
 * applied, and the other way round. An import writes its accounts in the order of its file, which
 * no upload can follow: side by side, each could hold an account the other waits for, and
 * PostgreSQL would abort one of them. Uploads share the lock, so they still go on side by side:
 * they all write in CRM-id order (./accounts).
 */
export async function waitForOrgImports(tx: Tx, orgId: string): Promise<void> {
  await holdLock(tx, `import:${orgId}`, "shared");
}

async function applyRun(
  db: Db,
  runId: string,
  orgId: string,
  options: ImportOptions,
  staged: { rowsOk: number; rowsFailed: number; errors: RowError[] },
  unrecognisedRelationships: UnrecognisedRelationships | null,
) {
  return db.transaction(async (tx) => {
    await lockOrgImports(tx, orgId);
    const claimed = await rows<{ id: string }>(
      tx,
      sql`update import_runs set status = 'applied', finished_at = now(), rows_ok = ${staged.rowsOk},
            rows_failed = ${staged.rowsFailed}, errors = ${JSON.stringify(staged.errors)}::jsonb
          where id = ${runId} and status = 'staging' returning id`,
    );
    if (claimed.length === 0) {
      throw new ImportSupersededError(
        "A newer import of this organisation started while this one was being read, so nothing from this one was applied.",
      );
    }
    const [dropped] = await rows<{ n: number }>(
      tx,
      sql`with gone as (
            delete from import_rows r using import_rows later
            where r.run_id = ${runId} and later.run_id = ${runId}
              and later.account->>'crmId' = r.account->>'crmId' and later.line > r.line
            returning 1)
          select count(*)::int as n from gone`,
    );
    const counts = { inserted: 0, updated: 0, unchanged: 0, duplicates: dropped!.n };
    const total = staged.rowsOk - dropped!.n;
    let applied = 0;
    options.onApplyProgress?.(applied, total);
    for (let after = 0; ; ) {
      const page = await rows<{ line: number; account: AccountInput }>(
        tx,
        sql`select line, account from import_rows where run_id = ${runId} and line > ${after}
            order by line limit ${APPLY_BATCH}`,
      );
      if (page.length === 0) break;
      after = page.at(-1)!.line;
      const result = await upsertAccounts(
        tx,
        orgId,
        page.map((row) => row.account),
      );
      counts.inserted += result.inserted;
      counts.updated += result.updated;
      counts.unchanged += result.unchanged;
      applied += page.length;
      options.onApplyProgress?.(applied, total);
    }
    await tx.execute(sql`delete from import_rows where run_id = ${runId}`);
    await tx.insert(auditLog).values({
      orgId,
      actorUserId: options.actorUserId ?? null,
      action: "accounts.import",
      subject: runId,
      details: {
        source: options.source,
        rowsOk: staged.rowsOk,
        rowsFailed: staged.rowsFailed,
        ...counts,
        ...(unrecognisedRelationships ? { unrecognisedRelationships } : {}),
      },
    });
    return counts;
  });
}

async function failRun(
  db: Db,
  runId: string,
  orgId: string,
  options: ImportOptions,
  staged: { rowsOk: number; rowsFailed: number; errors: RowError[] },
  error: unknown,
): Promise<void> {
  const reason = storable(failureReason(error));
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update import_runs set status = 'failed', finished_at = now(), rows_ok = ${staged.rowsOk},
            rows_failed = ${staged.rowsFailed}, errors = ${JSON.stringify(staged.errors)}::jsonb
          where id = ${runId}`,
    );
    await tx.execute(sql`delete from import_rows where run_id = ${runId}`);
    await tx.insert(auditLog).values({
      orgId,
      actorUserId: options.actorUserId ?? null,
      action: "accounts.import_failed",
      subject: runId,
      details: { source: options.source, reason },
    });
  });
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, and messages can quote what the user sent (a header,
 * a column mapping): U+FFFD marks where it was.
 */
/**
 * Why the import failed, for the audit log. A database error's message quotes the statement and
 * its parameters, up to a thousand of the organisation's accounts: only the database's own message
 * (its cause) is kept.
 */
function failureReason(error: unknown): string {
  if (error instanceof DrizzleQueryError) {
    const cause = error.cause instanceof Error ? error.cause.message : "an unknown error";
    return `The database stopped the import: ${cause}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function storable(text: string): string {
  return text.replaceAll("\u0000", "\uFFFD");
}
