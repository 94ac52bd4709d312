/**
 * Embedded PGlite in a worker thread of its own. PGlite is PostgreSQL compiled to WebAssembly: in
 * the API's thread, every statement held up every request, and a lookup spent most of its time
 * there. In a worker, statements run on the second core while this thread parses HTTP and JSON.
 *
 * The object returned is the client Drizzle's PGlite driver is given: it calls `query` and
 * `transaction`, nothing else. Drizzle's per-query result parsers are not sent along: the worker
 * has the same ones installed (see pglite-parsers.ts).
 */
import type { PGlite } from "@electric-sql/pglite";
import { startTypeScriptWorker } from "../typescript-worker";
import type { PgliteRequest, PgliteResponse, PgliteThreadOptions, QueryResult } from "./pglite-protocol";

type Call = PgliteRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;
type Query = (
  sql: string,
  params?: unknown[],
  options?: { rowMode?: "array" | "object" },
) => Promise<QueryResult>;

export interface PgliteThread {
  query: Query;
  transaction<T>(work: (tx: { query: Query }) => Promise<T>): Promise<T>;
  /** The data directory, gzipped, as PGlite's `dumpDataDir("gzip")` gives it. */
  dump(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** An error PostgreSQL (or PGlite) raised in the worker, with the fields it came with. */
class PgliteError extends Error {
  readonly code?: string;
}

export async function startPgliteThread(options: PgliteThreadOptions): Promise<PgliteThread> {
  const worker = startTypeScriptWorker(new URL("./pglite-worker.ts", import.meta.url), {
    workerData: options,
  });
  // The worker keeps the process alive only while a call waits for it, as a socket would: a
  // script that forgets to close the database still exits.
  worker.unref();
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  /** Why no call can be made any more: the worker stopped, or the database is closing. */
  let unavailable: Error | undefined;
  let closing: Promise<void> | undefined;

  const settle = (id: number) => {
    const call = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return call;
  };
  worker.on("message", (response: PgliteResponse) => {
    const call = settle(response.id);
    if (!call) return;
    if (response.ok) call.resolve(response.value);
    else call.reject(Object.assign(new PgliteError(response.error.message), response.error));
  });
  const failAll = (error: Error) => {
    unavailable ??= error;
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  };
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`The PGlite worker stopped (exit code ${code}).`)));

  function call<T>(request: Call): Promise<T> {
    if (unavailable) return Promise.reject(unavailable);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      try {
        worker.postMessage({ ...request, id });
      } catch (error) {
        // A parameter that cannot be cloned to the worker, such as a function.
        settle(id);
        reject(error);
      }
    });
  }

  const queryIn =
    (transaction: number | null): Query =>
    (sql, params = [], options) =>
      call({ op: "query", transaction, sql, params, rowMode: options?.rowMode ?? "object" });

  const thread: PgliteThread = {
    query: queryIn(null),
    async transaction(work) {
      const transaction = await call<number>({ op: "begin" });
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await work({ query: queryIn(transaction) });
      } catch (error) {
        // The work's error says what went wrong; a failed rollback would only hide it.
        await call({ op: "end", transaction, commit: false }).catch(() => {});
        throw error;
      }
      await call({ op: "end", transaction, commit: true });
      return result;
    },
    dump: () => call({ op: "dump" }),
    close() {
      closing ??= (async () => {
        if (unavailable) return;
        // Calls made before this one are answered first; calls made after it are refused.
        const closed = call({ op: "close" });
        unavailable = new Error("The database is closed.");
        try {
          await closed;
        } finally {
          await worker.terminate();
        }
      })();
      return closing;
    },
  };
  // Fails here, not on the first query, if the data directory can't be opened.
  try {
    await thread.query("select 1");
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return thread;
}

/** The thread, typed as the PGlite client Drizzle's driver expects (it calls only these two). */
export function asDrizzleClient(thread: PgliteThread): PGlite {
  return { query: thread.query, transaction: thread.transaction } as unknown as PGlite;
}
