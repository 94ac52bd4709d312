/**
 * A steady request rate, for the API benchmark (api.bench.ts): one request every 1/rate seconds,
 * spread over the users' requests in turn. autocannon's rate is a budget per second that every
 * connection spends as fast as it is answered, so its requests arrive in bursts at the server's
 * full speed; this is the load the rate names, requests arriving evenly, as from many users.
 * It runs in a thread of its own (steady-load.worker.ts), so it does not wait behind the server.
 */
import { startTypeScriptWorker } from "../../server/typescript-worker";

export interface SteadyLoadOptions {
  /** "http://host:port" */
  origin: string;
  /** Sent in turn: request i is requests[i % length]. */
  requests: { path: string; headers: Record<string, string> }[];
  rate: number;
  seconds: number;
}

/** Latencies in milliseconds, each from the moment its request was due. */
export interface SteadyLoadReport {
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
  /** From the first request's due time to the last answer. */
  seconds: number;
}

export function runSteadyLoad(options: SteadyLoadOptions): Promise<SteadyLoadReport> {
  const worker = startTypeScriptWorker(new URL("./steady-load.worker.ts", import.meta.url), {
    workerData: options,
  });
  return new Promise((resolve, reject) => {
    worker.once("message", (report: SteadyLoadReport) => {
      resolve(report);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`The load generator stopped (exit code ${code}).`)));
  });
}
