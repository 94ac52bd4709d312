/**
 * Runs inside the PGlite worker thread (see pglite-thread.ts): owns the PGlite instance and answers
 * the API thread's requests, one message each, in the order PGlite's own lock grants them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { installTextParsers } from "./pglite-parsers";
import type { PgliteRequest, PgliteResponse, PgliteThreadOptions, WorkerError } from "./pglite-protocol";
import { preparedStatements } from "./pglite-statements";

const port = parentPort!;
const options = workerData as PgliteThreadOptions;

/** Rejects a transaction's callback, which makes PGlite roll it back. */
const ROLLBACK = Symbol("rollback");

interface OpenTransaction {
  tx: Transaction;
  /** Lets PGlite's transaction callback return (commit) or throw (roll back). */
  finish(commit: boolean): void;
  /** Settles once PGlite has committed or rolled back. */
  settled: Promise<void>;
}

const transactions = new Map<number, OpenTransaction>();
let nextTransaction = 1;

// One options object: given a data directory that is undefined, PGlite ignores its other options.
const pglite = new PGlite({
  dataDir: options.dataDir,
  ...(options.snapshot ? { loadDataDir: new Blob([options.snapshot]) } : {}),
});
const ready = pglite.waitReady.then(() => installTextParsers(pglite));
const statements = preparedStatements(pglite);

port.on("message", (request: PgliteRequest) => {
  answer(request).then(
    (value) => reply({ id: request.id, ok: true, value }),
    (error: unknown) => reply({ id: request.id, ok: false, error: workerError(error) }),
  );
});

function reply(response: PgliteResponse): void {
  try {
    port.postMessage(response);
  } catch (error) {
    // A value that cannot be cloned to the other thread fails its own call, not the worker.
    port.postMessage({ id: response.id, ok: false, error: workerError(error) } satisfies PgliteResponse);
  }
}

let closed = false;

async function answer(request: PgliteRequest): Promise<unknown> {
  await ready;
  // Past PGlite's close, its prepared-statement calls would fail with an error about its insides.
  if (closed) throw new Error("The database is closed.");
  switch (request.op) {
    case "query": {
      const { sql, params, rowMode } = request;
      const { rows, affectedRows } =
        request.transaction === null
          ? await statements.query(sql, params, rowMode)
          : await statements.queryIn(openTransaction(request.transaction).tx, sql, params, rowMode);
      return { rows, affectedRows };
    }
    case "begin":
      return begin();
    case "end": {
      const open = openTransaction(request.transaction);
      transactions.delete(request.transaction);
      open.finish(request.commit);
      await open.settled;
      return null;
    }
    case "dump": {
      const dump = await pglite.dumpDataDir("gzip");
      return new Uint8Array(await dump.arrayBuffer());
    }
    case "close":
      closed = true;
      await pglite.close();
      return null;
  }
}

/** Opens a transaction and resolves with its number once PGlite has begun it. */
function begin(): Promise<number> {
  return new Promise((resolveBegun, rejectBegun) => {
    const id = nextTransaction++;
    const settled = pglite
      .transaction(
        (tx) =>
          new Promise<void>((commit, rollBack) => {
            const finish = (shouldCommit: boolean) => (shouldCommit ? commit() : rollBack(ROLLBACK));
            transactions.set(id, { tx, finish, settled });
            resolveBegun(id);
          }),
      )
      .then(
        () => {},
        (error: unknown) => {
          if (error !== ROLLBACK) throw error;
        },
      );
    // Should BEGIN itself fail, the caller hears of it; otherwise `end` reports how it settled.
    settled.catch(rejectBegun);
  });
}

function openTransaction(id: number): OpenTransaction {
  const open = transactions.get(id);
  if (!open) throw new Error(`Transaction ${id} is not open.`);
  return open;
}

/** Errors cross threads as plain data: PostgreSQL's fields (code, detail, …) and the message. */
function workerError(error: unknown): WorkerError {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: WorkerError = { message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === "string" || typeof value === "number") fields[key] = value;
  }
  return fields;
}
