/**
 * Account mapping end to end, on a database: `npx tsx test/bench/mapping.bench.ts [--size N]
 * [--database-url postgres://…]`. Two organisations import N accounts each through
 * `importAccountsCsv`, from CSV exports generated chunk by chunk (no file is ever whole in memory),
 * in Salesforce and HubSpot shape; matching runs after each import; then the overlap matrix.
 * Runs on PostgreSQL (the URL given, else BENCH_DATABASE_URL, else the local `test_e` database) and
 * on in-memory PGlite. Prints one Markdown section;
 * progress goes to stderr. The pure in-memory matcher has its own benchmark (matching.bench.ts).
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { createOrg, createPartnership } from "../../server/admin/organisations";
import { type Database, openDatabase, rows } from "../../server/db/client";
import { importAccountsCsv } from "../../server/mapping/import";
import { overlapMatrix } from "../../server/mapping/matrix";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "100000" },
    "database-url": { type: "string" },
  },
});
const SIZE = Number(values.size);
const DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/test_e";
/** The second organisation's accounts start here, so this share of each list overlaps the other. */
const OVERLAP = 0.3;
const ROWS_PER_CHUNK = 500;
const RELATIONSHIPS = ["Customer - Direct", "Prospect", "Prospect", "Customer - Channel"];
const STAGES = ["customer", "opportunity", "lead", "salesqualifiedlead"];

/** Company `n`: the same on both sides, so the two lists share the companies they both hold. */
const company = (n: number) => ({
  name: `Generated Account ${n.toString(36)} Holdings`,
  // One in twenty has no website and can only match by name.
  website: n % 20 === 0 ? "" : `https://www.account-${n}.com`,
});

async function* salesforceExport(first: number, count: number): AsyncGenerator<string> {
  yield "Account ID,Account Name,Type,Website,Account Owner,Account Owner Email,Industry,Employees,Billing Country\n";
  for (let start = first; start < first + count; start += ROWS_PER_CHUNK) {
    let chunk = "";
    for (let n = start; n < Math.min(start + ROWS_PER_CHUNK, first + count); n++) {
      const { name, website } = company(n);
      chunk += `001Hs${n.toString(36).padStart(10, "0")},"${name}",${RELATIONSHIPS[n % 4]},${website},Owner ${n % 40},owner${n % 40}@vendor.io,Software,${n % 5000},United States\n`;
    }
    yield chunk;
  }
}

async function* hubspotExport(first: number, count: number): AsyncGenerator<string> {
  yield "Record ID,Company name,Company owner,Company Domain Name,Lifecycle Stage,Industry,Number of Employees,Country/Region\n";
  for (let start = first; start < first + count; start += ROWS_PER_CHUNK) {
    let chunk = "";
    for (let n = start; n < Math.min(start + ROWS_PER_CHUNK, first + count); n++) {
      const { name, website } = company(n);
      chunk += `${9_000_000_000 + n},"${name}",Rep ${n % 30},${website.replace("https://www.", "")},${STAGES[n % 4]},Computer Software,${n % 5000},Germany\n`;
    }
    yield chunk;
  }
}

interface Phase {
  seconds: number;
  accounts: number;
}

interface Result {
  database: string;
  imports: { staging: Phase; applying: Phase; matching: Phase; overlaps: number }[];
  matrixMs: number;
  peakRss: number;
  peakHeap: number;
}

function sampleMemory() {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heap = Math.max(peak.heap, usage.heapUsed);
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

async function run(database: Database, label: string): Promise<Result> {
  const suffix = randomUUID().slice(0, 6);
  const vendor = await createOrg(database.db, { slug: `bench-vendor-${suffix}`, name: "Bench Vendor" });
  const partner = await createOrg(database.db, { slug: `bench-partner-${suffix}`, name: "Bench Partner" });
  const partnership = await createPartnership(database.db, {
    orgSlug: vendor.slug,
    partnerSlug: partner.slug,
    share: { level: "overlaps", fields: ["name"] },
    partnerShare: { level: "overlaps", fields: ["name"] },
  });
  const memory = sampleMemory();
  const imports: Result["imports"] = [];
  const lists = [
    { orgId: vendor.id, rows: salesforceExport(0, SIZE), name: "Salesforce" },
    { orgId: partner.id, rows: hubspotExport(Math.round(SIZE * (1 - OVERLAP)), SIZE), name: "HubSpot" },
  ];
  for (const list of lists) {
    const started = performance.now();
    let staged = started;
    let matchingStarted = 0;
    let stagedReported = 0;
    let matchedReported = -1;
    const summary = await importAccountsCsv(database.db, list.orgId, list.rows, {
      source: `${list.name} export`,
      onStaged: ({ rowsOk }) => {
        staged = performance.now();
        if (rowsOk - stagedReported >= 20_000) {
          stagedReported = rowsOk;
          console.error(`  ${label}: ${list.name} staged ${rowsOk} rows`);
        }
      },
      onMatchProgress: (done, total) => {
        if (matchingStarted === 0) matchingStarted = performance.now();
        if (done - matchedReported >= 20_000 || (done === total && matchedReported < total)) {
          matchedReported = done;
          console.error(`  ${label}: ${list.name} matched ${done} of ${total} accounts`);
        }
      },
    });
    const finished = performance.now();
    matchingStarted ||= finished;
    imports.push({
      staging: { seconds: (staged - started) / 1000, accounts: summary.rowsOk },
      applying: {
        seconds: (matchingStarted - staged) / 1000,
        accounts: summary.inserted + summary.updated + summary.unchanged,
      },
      matching: { seconds: (finished - matchingStarted) / 1000, accounts: summary.matching.accountsMatched },
      overlaps: summary.matching.overlapsAdded,
    });
  }
  const matrixStarted = performance.now();
  await overlapMatrix(database.db, partnership.id, vendor.id);
  const matrixMs = performance.now() - matrixStarted;
  const peak = memory.stop();
  return { database: label, imports, matrixMs, peakRss: peak.rss, peakHeap: peak.heap };
}

const perSecond = (phase: Phase) => Math.round(phase.accounts / phase.seconds).toLocaleString("en");
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

function report(results: readonly Result[]): string {
  const rows = results.flatMap((result) =>
    result.imports.map((phases, index) => {
      const side = index === 0 ? "first (Salesforce CSV)" : "second (HubSpot CSV)";
      return `| ${result.database} | ${side} | ${perSecond(phases.staging)} | ${perSecond(phases.applying)} | ${phases.matching.accounts.toLocaleString("en")} in ${phases.matching.seconds.toFixed(1)} s | ${phases.overlaps.toLocaleString("en")} | ${index === 1 ? `${result.matrixMs.toFixed(0)} ms` : ""} | ${index === 1 ? `${mib(result.peakRss)} / ${mib(result.peakHeap)}` : ""} |`;
    }),
  );
  return `## Account mapping end to end (database)

Two organisations each import ${SIZE.toLocaleString("en")} accounts through \`importAccountsCsv\` (server/mapping/import.ts), from CSV exports generated as a stream; ${Math.round(OVERLAP * 100)}% of each list is also in the other, and one account in twenty has no website. Each import stages the rows in committed batches, applies them in one transaction, then runs incremental matching for the organisation; the second import's matching finds the overlaps. Then the overlap matrix of the partnership is computed. Accounts/s are per phase, on one process.

| Database | Import | Staging (accounts/s) | Applying (accounts/s) | Matching (accounts) | Overlaps found | Matrix | Peak RSS / heap |
|---|---|---|---|---|---|---|---|
${rows.join("\n")}

Staging and applying stream the file and read the staged rows back page by page, so the JavaScript heap does not grow with the file; an in-memory PGlite database lives in the process, which is most of its RSS. Writing overlaps dominates matching: each pair is stored as two rows, each checking five foreign keys and feeding the sync-feed trigger.`;
}

const results: Result[] = [];
const notes: string[] = [];
// PostgreSQL first: PGlite's memory stays with the process, and would inflate the second run's RSS.
const postgresUrl = values["database-url"] ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_POSTGRES;
const postgres = await openDatabase({ databaseUrl: postgresUrl }).catch((error: Error) => {
  notes.push(`PostgreSQL not measured: could not open ${postgresUrl} (${error.message}).`);
  return undefined;
});
if (postgres) {
  const [server] = await rows<{ version: string }>(
    postgres.db,
    sql`select split_part(current_setting('server_version'), ' ', 1) as version`,
  );
  console.error(`PostgreSQL ${server!.version}, ${SIZE} accounts per organisation…`);
  results.push(await run(postgres, `PostgreSQL ${server!.version}`));
  await postgres.close();
}
const pglite = await openDatabase({ memory: true });
console.error(`PGlite (in memory), ${SIZE} accounts per organisation…`);
results.push(await run(pglite, "PGlite (in memory)"));
await pglite.close();
console.log([report(results), ...notes].join("\n\n"));
