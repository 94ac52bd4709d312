/**
 * API latency benchmark: `npx tsx test/bench/api.bench.ts [--seconds N] [--rate R]`.
 * Prints one Markdown section for BENCHMARKS.md; progress goes to stderr.
 *
 * autocannon drives a request rate (latencies corrected for coordinated omission; the rate is a
 * budget per second, which each connection spends as fast as it is answered) from a worker thread
 * against servers running in this process on loopback: a Hono hello world as the floor, then the account lookup and an empty sync delta, on embedded PGlite and on
 * PostgreSQL (BENCH_DATABASE_URL, else the local `test_e` database). PGlite keeps its data in a
 * directory, as `npm start` runs it, here a temporary one.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { Hono } from "hono";
import { createOrg, createPartnership, createUser } from "../../server/admin/organisations";
import { type Database, openDatabase } from "../../server/db/client";
import { upsertAccounts } from "../../server/mapping/accounts";
import { runMatching } from "../../server/mapping/match-run";
import type { AccountInput } from "../../src/contract/accounts";
import type { SyncResponse } from "../../src/contract/sync";
import { startApi } from "../../tools/api-server";
import { runSteadyLoad, type SteadyLoadReport } from "./steady-load";

const TARGET_P99_MS = 10;
const TARGET_RATIO_TO_FLOOR = 3;
const CONNECTIONS = 10;
const WARM_UP_SECONDS = 3;
const CAPACITY_SECONDS = 5;
const PARTNERS = 3;
/** Accounts per organisation, so the lookups run against tables of some size. */
const ACCOUNTS = 2_000;
const LOOKED_UP = "BENCH-0";
const PASSWORD = "bench password, not secret";
const DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/test_e";

/** One connection's request: its own user's token, and the path, which may hold the user's cursor. */
interface UserRequest {
  path: string;
  headers: Record<string, string>;
}

interface Target {
  endpoint: string;
  database: string;
  url: string;
  /** One per connection; none for the floor, whose every connection sends `url` as it is. */
  perConnection?: UserRequest[];
}

interface Measurement extends Target {
  p50: number;
  p99: number;
  requestsPerSecond: number;
  errors: number;
  /** Requests/s with no rate limit: how far the fixed rate is from what the server can do at all. */
  capacity: number;
  /** The same rate arriving evenly (steady-load.ts); milliseconds, not rounded. */
  steady: SteadyLoadReport;
}

const CONNECTION_PER_USER = fileURLToPath(new URL("./connection-per-user.cjs", import.meta.url));

const log = (message: string) => process.stderr.write(`${message}\n`);

async function measure(target: Target, seconds: number, rate: number): Promise<Measurement> {
  const options = {
    url: target.url,
    connections: CONNECTIONS,
    // The load generator gets its own thread, so it does not queue behind the server's work.
    workers: 1,
    // In worker mode autocannon takes the path of a module; its types know only the function form.
    setupClient: CONNECTION_PER_USER as unknown as autocannon.Options["setupClient"],
  };
  // Read by connection-per-user.cjs in the worker thread, which gets a copy of the environment.
  process.env.COSELL_BENCH_REQUESTS = JSON.stringify(target.perConnection ?? []);
  const what = `${target.endpoint} on ${target.database}`;
  log(`${what}: warm-up`);
  await autocannon({ ...options, overallRate: rate, duration: WARM_UP_SECONDS });
  log(`${what}: ${seconds} s at ${rate} requests/s`);
  const fixed = await autocannon({ ...options, overallRate: rate, duration: seconds });
  log(`${what}: ${CAPACITY_SECONDS} s as fast as it answers`);
  const unlimited = await autocannon({ ...options, duration: CAPACITY_SECONDS });
  log(`${what}: ${seconds} s at ${rate} requests/s arriving evenly`);
  const { origin, pathname, search } = new URL(target.url);
  const steady = await runSteadyLoad({
    origin,
    requests: target.perConnection ?? [{ path: pathname + search, headers: {} }],
    rate,
    seconds,
  });
  return {
    ...target,
    p50: fixed.latency.p50,
    p99: fixed.latency.p99,
    requestsPerSecond: fixed.requests.average,
    errors: fixed.errors + fixed.timeouts + fixed.non2xx,
    capacity: unlimited.requests.average,
    steady,
  };
}

async function startFloor(): Promise<{ url: string; stop(): void }> {
  const app = new Hono().get("/", (c) => c.text("Hello, world"));
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    stop: () => server.close(),
  };
}

function company(n: number, prefix: string): AccountInput {
  return {
    crmId: `${prefix}-${n}`,
    name: `Bench Company ${n}`,
    websites: [`https://bench-company-${n}.com`],
    relationship: n % 3 === 0 ? "customer" : "prospect",
    ownerName: `Owner ${n}`,
  };
}

/**
 * A vendor whose account LOOKED_UP is in every partner's list; each partner shares its overlaps and
 * holds a third of the vendor's other companies too.
 */
async function seed(database: Database): Promise<{ emails: string[] }> {
  const run = randomUUID().slice(0, 8);
  const vendor = await createOrg(database.db, { slug: `bench-${run}`, name: "Bench Vendor" });
  // A rep per connection: the requests of one second come from as many users as connections.
  const emails = Array.from({ length: CONNECTIONS }, (_, i) => `rep${i}@bench-${run}.test`);
  for (const email of emails) {
    await createUser(database.db, { email, orgSlug: vendor.slug, role: "rep", password: PASSWORD });
  }
  const numbers = Array.from({ length: ACCOUNTS }, (_, i) => i);
  await upsertAccounts(
    database.db,
    vendor.id,
    numbers.map((n) => company(n, "BENCH")),
  );
  for (let p = 0; p < PARTNERS; p++) {
    const partner = await createOrg(database.db, { slug: `bench-${run}-p${p}`, name: `Bench Partner ${p}` });
    await createPartnership(database.db, {
      orgSlug: vendor.slug,
      partnerSlug: partner.slug,
      partnerShare: { level: "overlaps", fields: ["name", "relationship", "owner_name"] },
    });
    const theirs = numbers.filter((n) => n === 0 || n % PARTNERS === p).map((n) => company(n, `P${p}`));
    const unrelated = numbers.map((n) => company(n + ACCOUNTS * (p + 1), `P${p}`));
    await upsertAccounts(database.db, partner.id, [...theirs, ...unrelated.slice(theirs.length)]);
  }
  await runMatching(database.db, { orgId: vendor.id });
  return { emails };
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Seeds `database`, serves the API on it and measures both endpoints; returns the empty delta's size. */
async function measureApi(
  database: Database,
  label: string,
  seconds: number,
  rate: number,
): Promise<{ results: Measurement[]; emptyDeltaBytes: number; partnersFound: number }> {
  log(`${label}: seeding ${ACCOUNTS} accounts for the vendor and each of ${PARTNERS} partners`);
  const { emails } = await seed(database);
  const api = await startApi(database);
  try {
    const users = await Promise.all(emails.map((email) => signInAndSync(api.url, email)));
    const lookupPath = `/v1/accounts/partners?crmId=${LOOKED_UP}`;
    const { partners } = await json<{ partners: unknown[] }>(
      await fetch(`${api.url}${lookupPath}`, { headers: users[0]!.headers }),
    );
    const emptyDelta = await fetch(`${api.url}${users[0]!.deltaPath}`, { headers: users[0]!.headers });
    const emptyDeltaBytes = (await emptyDelta.arrayBuffer()).byteLength;

    const results = [
      await measure(
        {
          endpoint: `GET /v1/accounts/partners (${partners.length} partners)`,
          database: label,
          url: `${api.url}${lookupPath}`,
          perConnection: users.map(({ headers }) => ({ path: lookupPath, headers })),
        },
        seconds,
        rate,
      ),
      await measure(
        {
          endpoint: "GET /v1/sync (empty delta)",
          database: label,
          url: `${api.url}${users[0]!.deltaPath}`,
          perConnection: users.map(({ headers, deltaPath }) => ({ path: deltaPath, headers })),
        },
        seconds,
        rate,
      ),
    ];
    return { results, emptyDeltaBytes, partnersFound: partners.length };
  } finally {
    await api.stop();
  }
}

/** Signs `email` in and syncs it fully: its token, and the path of its empty delta. */
async function signInAndSync(
  apiUrl: string,
  email: string,
): Promise<{ headers: Record<string, string>; deltaPath: string }> {
  const { token } = await json<{ token: string }>(
    await fetch(`${apiUrl}/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: PASSWORD }),
    }),
  );
  const headers = { authorization: `Bearer ${token}` };
  let page: SyncResponse | undefined;
  do {
    const query = page ? `?limit=5000&cursor=${page.cursor}` : "?limit=5000";
    page = await json<SyncResponse>(await fetch(`${apiUrl}/v1/sync${query}`, { headers }));
  } while (page.hasMore);
  return { headers, deltaPath: `/v1/sync?cursor=${page.cursor}` };
}

function row(m: Measurement, floor: Measurement): string {
  // autocannon records whole milliseconds; a floor of 0 ms would make every ratio infinite.
  const ratio = m.p99 / Math.max(floor.p99, 1);
  const steady = m.steady;
  const steadyErrors = steady.errors === 0 ? "" : ` (${steady.errors} errors)`;
  return `| ${m.endpoint} | ${m.database} | ${m.p50} | ${m.p99} | ${Math.round(m.requestsPerSecond)} | ${m.errors} | ${ratio.toFixed(1)}× | ${Math.round(m.capacity)} | ${steady.p50.toFixed(1)} | ${steady.p99.toFixed(1)}${steadyErrors} | ${(steady.p99 / floor.steady.p99).toFixed(1)}× |`;
}

/** Met when both loads, bursts and even arrivals, meet the targets with no errors. */
function verdict(results: Measurement[], floor: Measurement): string[] {
  return results.map((m) => {
    const bursts = judge(m.p99, floor.p99, m.errors);
    const even = judge(m.steady.p99, floor.steady.p99, m.steady.errors);
    const met = bursts.met && even.met;
    return `- ${m.endpoint} on ${m.database}: ${met ? "**met**" : "**not met**"} (autocannon's bursts: ${bursts.text}; even arrivals: ${even.text}).`;
  });
}

function judge(p99: number, floorP99: number, errors: number): { met: boolean; text: string } {
  // autocannon records whole milliseconds; a floor of 0 ms would make every ratio infinite.
  const ratio = p99 / Math.max(floorP99, 1);
  const p99Met = p99 <= TARGET_P99_MS;
  const ratioMet = ratio <= TARGET_RATIO_TO_FLOOR;
  const text = `p99 ${Number.isInteger(p99) ? p99 : p99.toFixed(1)} ms ${p99Met ? "≤" : ">"} ${TARGET_P99_MS} ms, ${ratio.toFixed(1)}× the floor ${ratioMet ? "≤" : ">"} ${TARGET_RATIO_TO_FLOOR}×${errors === 0 ? "" : `, ${errors} errors`}`;
  return { met: p99Met && ratioMet && errors === 0, text };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { seconds: { type: "string", default: "10" }, rate: { type: "string", default: "1000" } },
  });
  const seconds = Number(values.seconds);
  const rate = Number(values.rate);
  const loadAtStart = loadavg()[0]!;

  const floorServer = await startFloor();
  const floor = await measure(
    { endpoint: "Hono hello world (floor)", database: "none", url: floorServer.url },
    seconds,
    rate,
  );
  floorServer.stop();

  const measured: Measurement[] = [];
  const notes: string[] = [];
  // On disk, as the server runs by default: an in-memory database would skip the file system calls
  // PostgreSQL makes on every query, and flatter PGlite.
  const dataDir = await mkdtemp(join(tmpdir(), "cosell-bench-"));
  const pglite = await openDatabase({ dataDir });
  try {
    const { results, emptyDeltaBytes } = await measureApi(pglite, "PGlite", seconds, rate);
    measured.push(...results);
    notes.push(`- Empty delta response on PGlite: ${emptyDeltaBytes} bytes.`);
  } finally {
    await pglite.close();
    await rm(dataDir, { recursive: true, force: true });
  }

  const postgresUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES;
  let postgres: Database | undefined;
  try {
    postgres = await openDatabase({ databaseUrl: postgresUrl });
  } catch (error) {
    notes.push(`- PostgreSQL not measured: could not open ${postgresUrl} (${(error as Error).message}).`);
  }
  if (postgres) {
    try {
      const { results, emptyDeltaBytes } = await measureApi(postgres, "PostgreSQL", seconds, rate);
      measured.push(...results);
      notes.push(`- Empty delta response on PostgreSQL: ${emptyDeltaBytes} bytes.`);
    } finally {
      await postgres.close();
    }
  }

  const lines = [
    "## API latency",
    "",
    `\`npx tsx test/bench/api.bench.ts --seconds ${seconds} --rate ${rate}\`: autocannon at a fixed ${rate} requests/s`,
    `over ${CONNECTIONS} connections for ${seconds} s after a ${WARM_UP_SECONDS} s warm-up, from a worker thread of the same`,
    `process as the server (loopback), so load generator and server share the machine's ${cpus().length} cores;`,
    `load average ${loadAtStart.toFixed(1)} at start. Latencies are corrected for coordinated omission and recorded`,
    "in whole milliseconds. autocannon's rate is a budget per second: each connection sends its share as fast as",
    "it is answered, then waits for the next second. The requests of each second thus arrive in a burst, as fast",
    "as the server can take them, and p99 is mostly the wait inside that burst. Each connection is a different",
    "user of the vendor (a rep). Each request is authenticated (bearer token looked up in the database, the",
    "tokens of requests that arrive while a check runs together in the next check) and reads under",
    "its organisation's row-level security: the lookup as one tenant function call, with the scoring basis the",
    "server keeps; an empty delta from the token check alone.",
    `The vendor and each of its ${PARTNERS} partners hold ${ACCOUNTS.toLocaleString("en")} accounts;`,
    "the looked-up account is in every partner's list. PostgreSQL runs on the same machine; PGlite runs in a",
    "worker thread of the server (server/db/pglite-thread.ts) and keeps its data in a directory on disk, as",
    '`npm start` runs it (a temporary one here). "max requests/s" is',
    `what the same ${CONNECTIONS} connections get with no rate limit, over ${CAPACITY_SECONDS} s.`,
    "",
    `The "even" columns put the same rate on the server as it names it: one request every ${(1000 / rate).toFixed(1)} ms for ${seconds} s`,
    "(test/bench/steady-load.ts, another thread, keep-alive connections opened as needed), whatever became of",
    "the earlier ones, each timed from the moment it was due. Timers fire a millisecond late at best, and that",
    "lateness is in these latencies too.",
    "",
    "| endpoint | database | p50 (ms) | p99 (ms) | requests/s | errors | p99 / floor p99 | max requests/s | even: p50 (ms) | even: p99 (ms) | even: p99 / floor |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    row(floor, floor),
    ...measured.map((m) => row(m, floor)),
    "",
    `Targets: p99 ≤ ${TARGET_P99_MS} ms at ${rate} requests/s and ≤ ${TARGET_RATIO_TO_FLOOR}× the floor's p99, with no errors, under both loads.`,
    "",
    ...verdict(measured, floor),
    ...notes,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
