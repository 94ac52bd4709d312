/**
 * The steady-rate load generator's thread (steady-load.ts): sends request i at start + i / rate,
 * whatever happened to the earlier ones (an open loop), and times each from that due time, so a
 * server that falls behind is charged for the wait it causes (no coordinated omission).
 */
import { Agent, request } from "node:http";
import { parentPort, workerData } from "node:worker_threads";
import type { SteadyLoadOptions, SteadyLoadReport } from "./steady-load";

const { origin, requests, rate, seconds } = workerData as SteadyLoadOptions;
const { hostname, port } = new URL(origin);
// Keep-alive connections, opened as the load needs them; past the cap, requests queue here and
// their wait counts in their latency.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const total = Math.round(rate * seconds);
const TIMEOUT_MS = 10_000;
const interval = 1000 / rate;
const latencies = new Float64Array(total);
let errors = 0;
let answered = 0;
let next = 0;
const start = performance.now() + 20;

function send(i: number, due: number): void {
  const { path, headers } = requests[i % requests.length]!;
  let settled = false;
  // A request that fails after its response began may report both on the response and the request.
  const done = (ok: boolean) => {
    if (settled) return;
    settled = true;
    latencies[i] = performance.now() - due;
    if (!ok) errors++;
    if (++answered === total) finish();
  };
  const outgoing = request({ hostname, port, path, headers, agent }, (response) => {
    response.resume();
    response.on("end", () => done(response.statusCode === 200));
    response.on("error", () => done(false));
  });
  outgoing.on("error", () => done(false));
  // An answer that never comes counts as an error, as in autocannon, rather than hanging the run.
  outgoing.setTimeout(TIMEOUT_MS, () => outgoing.destroy(new Error("timed out")));
  outgoing.end();
}

/** Sends every request that is due; timers fire a millisecond late at best, and the lateness counts. */
function sendDue(): void {
  const now = performance.now();
  for (; next < total && start + next * interval <= now; next++) send(next, start + next * interval);
  if (next < total) setTimeout(sendDue, start + next * interval - now);
}

function finish(): void {
  agent.destroy();
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))]!;
  const report: SteadyLoadReport = {
    requests: total,
    errors,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1]!,
    seconds: (performance.now() - start) / 1000,
  };
  parentPort!.postMessage(report);
}

setTimeout(sendDue, start - performance.now());
