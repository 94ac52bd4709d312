/**
 * The messages between the API thread (pglite-thread.ts) and the PGlite worker (pglite-worker.ts).
 * They are not validated on arrival, unlike the extension's: both ends are this server's code, and
 * only the thread that started the worker holds its port.
 */

export interface PgliteThreadOptions {
  /** Where PGlite keeps its files; in memory without one. */
  dataDir?: string;
  /** A gzipped data directory (`dumpDataDir("gzip")`) to start from. */
  snapshot?: Uint8Array<ArrayBuffer>;
}

export type PgliteRequest = { id: number } & (
  | {
      op: "query";
      /** The open transaction to run in, or null for a statement of its own. */
      transaction: number | null;
      sql: string;
      params: unknown[];
      rowMode: "array" | "object";
    }
  | { op: "begin" }
  | { op: "end"; transaction: number; commit: boolean }
  | { op: "dump" }
  | { op: "close" }
);

export interface WorkerError {
  message: string;
  [field: string]: string | number;
}

export type PgliteResponse = { id: number } & (
  | { ok: true; value: unknown }
  | { ok: false; error: WorkerError }
);

export interface QueryResult {
  rows: unknown[];
  affectedRows?: number;
}
