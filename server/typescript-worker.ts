/**
 * Worker threads whose code is TypeScript, like the rest of the server. tsx's `require` compiles
 * the file for that one call, so the worker runs as it does under `tsx` (npm start) or under
 * Vitest, which the worker does not inherit: neither's module loading reaches into worker threads.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

export function startTypeScriptWorker(file: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  const tsx = createRequire(import.meta.url).resolve("tsx/cjs/api");
  const path = fileURLToPath(file);
  const source = `require(${JSON.stringify(tsx)}).require(${JSON.stringify(path)}, ${JSON.stringify(path)});`;
  return new Worker(source, { ...options, eval: true });
}
