/**
 * Account-matching benchmark: `npx tsx test/bench/matching.bench.ts [--size N] [--runs R]`.
 * Prints one Markdown section for BENCHMARKS.md. Synthetic data come from a seeded PRNG, so every
 * run matches the same accounts. Single-threaded: rates are per core, counted per CPU-second of
 * the whole process (garbage-collector threads included) so that a busy machine does not halve
 * them; wall-clock times are shown beside them.
 */
import { cpus, loadavg } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { accountDomains } from "../../src/matching/domain";
import { createMatchIndex, type MatchableAccount } from "../../src/matching/match";
import { parseCompanyName } from "../../src/matching/name";

const RELATIONSHIPS = ["customer", "opportunity", "prospect"] as const;
const TARGET_ACCOUNTS_PER_SECOND = 1_000_000;
const TARGET_RATIO_TO_FLOOR = 3;

interface RawAccount {
  readonly id: string;
  readonly name: string;
  readonly websites: readonly string[];
  /** Index into RELATIONSHIPS. */
  readonly relationship: number;
  /** The real company behind the account: the ground truth that matches are checked against. */
  readonly company: number;
}

/** Keys normalised before the floor's clock starts: domains, and the name key where it may match. */
interface PreparedKeys {
  readonly domains: readonly (readonly string[])[];
  readonly names: readonly (string | null)[];
}

interface Measurement {
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** Time the main thread spent paused for garbage collection. */
  readonly gcSeconds: number;
  readonly accounts: number;
  readonly matches: number;
  readonly nameMatches: number;
  /** Matches between accounts of two different companies. */
  readonly falseMatches: number;
  readonly peakRssBytes: number;
  readonly peakHeapBytes: number;
  /** Heap in use when the run started, after a collection: mostly the input data. */
  readonly baselineHeapBytes: number;
  /** Heap over the baseline that the run's result structures (index, map) hold after a collection. */
  readonly retainedHeapBytes: number;
  readonly populations: Uint32Array;
}

// --- Synthetic accounts -------------------------------------------------------------------

/** mulberry32: small, fast and good enough to make reproducible test data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  "ka lo mi ne ra to vi zu bel dor fen gar hal jor kel lin mor nor pel quin ros sel tam ul var wen xan yor zel bri cro dra".split(
    " ",
  );
const TLDS = ["com", "com", "com", "io", "co.uk", "de", "fr", "com.au", "nl", "ca"];
const LEGAL_FORMS = ["", "", "Inc.", "Inc", "LLC", "Ltd", "Limited", "GmbH", "S.A.", "B.V.", "Corp", "Co."];
const FREE_MAIL = ["gmail.com", "yahoo.com", "hotmail.co.uk", "outlook.com"];

/** A distinct two-word company name for every company number (32^5 = 33M of them). */
function companyWords(company: number): [string, string] {
  return [
    syllable(company, 0) + syllable(company, 1) + syllable(company, 2),
    syllable(company, 3) + syllable(company, 4),
  ];
}

function syllable(company: number, position: number): string {
  return SYLLABLES[Math.floor(company / 32 ** position) % 32]!;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The messy ways a CRM's Website field holds a company's domain. */
function websiteOf(domain: string, random: () => number): string[] {
  const roll = random();
  if (roll < 0.3) return [domain];
  if (roll < 0.55) return [`https://www.${domain}/`];
  if (roll < 0.65) return [`http://${domain}/about-us?utm_source=crm`];
  if (roll < 0.73) return [`www.${domain}`];
  if (roll < 0.78) return [`sales@${domain}`];
  if (roll < 0.83) return [`HTTPS://WWW.${domain.toUpperCase()}`];
  if (roll < 0.88) return [`shop.${domain}`];
  if (roll < 0.92) return [`${domain}; ${domain.replace(/\.[^.]+$/, ".de")}`];
  return [domain, `jane.doe@${FREE_MAIL[Math.floor(random() * FREE_MAIL.length)]!}`];
}

/**
 * One organisation's accounts for companies [firstCompany, firstCompany + size). Two organisations
 * whose company ranges overlap share those companies, listed with different spellings. About 8%
 * of accounts have no usable website and 2% are duplicate records of the previous account. One
 * company in 50 is a namesake: it bears the next company's name, under its own domain.
 */
function generateAccounts(
  size: number,
  firstCompany: number,
  seed: number,
  withWebsites: boolean,
): RawAccount[] {
  const random = seededRandom(seed);
  const accounts: RawAccount[] = [];
  let company = firstCompany;
  for (let i = 0; i < size; i++) {
    if (i === 0 || random() >= 0.02) company++;
    const [first, second] = companyWords(company);
    const [nameFirst, nameSecond] = company % 50 === 7 ? companyWords(company + 1) : [first, second];
    const legalForm = LEGAL_FORMS[Math.floor(random() * LEGAL_FORMS.length)]!;
    const name = `${capitalise(nameFirst)} ${capitalise(nameSecond)} ${legalForm}`.trim();
    const domain = `${first}${second}.${TLDS[company % TLDS.length]!}`;
    const noWebsite = random() < 0.08;
    const websites = !withWebsites
      ? []
      : noWebsite
        ? [random() < 0.5 ? "" : `info@${FREE_MAIL[Math.floor(random() * FREE_MAIL.length)]!}`]
        : websiteOf(domain, random);
    const relationshipRoll = random();
    const relationship = relationshipRoll < 0.2 ? 0 : relationshipRoll < 0.4 ? 1 : 2;
    accounts.push({
      id: String(i),
      name: asParsed(name),
      websites: websites.map(asParsed),
      relationship,
      company,
    });
  }
  return accounts;
}

/**
 * The text as a CSV parser hands it over: decoded from bytes into one flat string. The template
 * literals above build strings out of pieces (V8's cons strings), which the first character read
 * would have to join, a cost no imported account has.
 */
function asParsed(text: string): string {
  return Buffer.from(text, "utf8").toString("utf8");
}

// --- Measuring ----------------------------------------------------------------------------

/** Memory is sampled inside the hot loops: a timer would never fire while they run. */
class MemoryPeak {
  readonly baselineHeap = process.memoryUsage().heapUsed;
  rss = 0;
  heap = 0;
  sample(): void {
    const { rss, heapUsed } = process.memoryUsage();
    if (rss > this.rss) this.rss = rss;
    if (heapUsed > this.heap) this.heap = heapUsed;
  }
}

const SAMPLE_EVERY = 1 << 16;

/** Wall-clock and CPU time since it was made, in seconds. */
class Stopwatch {
  readonly wallStart = performance.now();
  private readonly cpuStart = process.cpuUsage();
  /** Also the `performance.now()` reading it was taken at. */
  lap(): { seconds: number; cpuSeconds: number; at: number } {
    const cpu = process.cpuUsage(this.cpuStart);
    const at = performance.now();
    return { seconds: (at - this.wallStart) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, at };
  }
}

/**
 * Garbage-collection pauses of the main thread, as Node reports them. Entries arrive on the event
 * loop, which the synchronous runs block, so `between` waits for it before adding up the pauses
 * that started within a run.
 */
class GcPauses {
  private readonly pauses: { start: number; duration: number }[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      this.pauses.push({ start: entry.startTime, duration: entry.duration });
  });
  constructor() {
    this.observer.observe({ entryTypes: ["gc"] });
  }
  /** Seconds of pauses that started between two `performance.now()` readings. */
  async between(start: number, end: number): Promise<number> {
    await delay(50);
    let total = 0;
    for (const pause of this.pauses) if (pause.start >= start && pause.start < end) total += pause.duration;
    return total / 1000;
  }
}

const gcPauses = new GcPauses();

/**
 * Node's garbage collector, so that heap figures leave out the previous run's garbage. Exposed at
 * run time when node was started without --expose-gc; null if that fails, and the figures say so.
 */
const collectGarbage: (() => void) | null = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return null;
  }
})();

/**
 * Collects the garbage before a run. The previous run's data stayed reachable until the event loop
 * had turned for a while (a collection straight away left them in, and the next baseline 80 MiB too
 * high at 100k accounts), hence the pause first.
 */
async function settle(): Promise<void> {
  await delay(100);
  collectGarbage?.();
}

/** Heap still in use over `baseline` after a full collection: what the arguments keep alive. */
function retainedHeap(baseline: number, ..._keptAlive: unknown[]): number {
  collectGarbage?.();
  return process.memoryUsage().heapUsed - baseline;
}

interface Counts {
  matches: number;
  nameMatches: number;
  falseMatches: number;
  readonly populations: Uint32Array;
}

function newCounts(): Counts {
  return {
    matches: 0,
    nameMatches: 0,
    falseMatches: 0,
    populations: new Uint32Array(RELATIONSHIPS.length ** 2),
  };
}

function count(counts: Counts, ours: RawAccount, theirs: RawAccount, byName: boolean): void {
  counts.populations[ours.relationship * RELATIONSHIPS.length + theirs.relationship]!++;
  counts.matches++;
  if (byName) counts.nameMatches++;
  if (ours.company !== theirs.company) counts.falseMatches++;
}

/**
 * End to end: normalise both sides' websites, index one side, match the other account by account
 * (names are parsed inside, where a name match is possible), count populations. Returns the whole
 * run, its normalising part and its matching part (index, match, count).
 */
async function measureMatching(
  left: readonly RawAccount[],
  right: readonly RawAccount[],
): Promise<{ total: Measurement; normalising: Measurement; matching: Measurement }> {
  await settle();
  const peak = new MemoryPeak();
  peak.sample();
  const clock = new Stopwatch();
  const toMatchable = (raw: readonly RawAccount[]): MatchableAccount[] => {
    const accounts: MatchableAccount[] = new Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const { id, name, websites } = raw[i]!;
      accounts[i] = { id, name, domains: accountDomains(websites) };
      if ((i & (SAMPLE_EVERY - 1)) === 0) peak.sample();
    }
    return accounts;
  };
  const rightAccounts = toMatchable(right);
  const leftAccounts = toMatchable(left);
  const prepared = clock.lap();
  const index = createMatchIndex(rightAccounts);
  peak.sample();
  const counts = newCounts();
  for (let i = 0; i < leftAccounts.length; i++) {
    const ours = left[i]!;
    for (const match of index.matchOne(leftAccounts[i]!)) {
      count(counts, ours, right[Number(match.rightId)]!, match.method === "name");
    }
    if ((i & (SAMPLE_EVERY - 1)) === 0) peak.sample();
  }
  const finished = clock.lap();
  peak.sample();
  const gcSeconds = await gcPauses.between(clock.wallStart, finished.at);
  const retained = retainedHeap(peak.baselineHeap, index, leftAccounts);
  const measurement = (time: { seconds: number; cpuSeconds: number }, matched: Counts) => ({
    seconds: time.seconds,
    cpuSeconds: time.cpuSeconds,
    gcSeconds,
    accounts: left.length + right.length,
    ...matched,
    peakRssBytes: peak.rss,
    peakHeapBytes: peak.heap,
    baselineHeapBytes: peak.baselineHeap,
    retainedHeapBytes: retained,
  });
  return {
    total: measurement(finished, counts),
    normalising: measurement(prepared, newCounts()),
    matching: measurement(
      { seconds: finished.seconds - prepared.seconds, cpuSeconds: finished.cpuSeconds - prepared.cpuSeconds },
      counts,
    ),
  };
}

/**
 * The floor: a bare `Map` join of keys normalised beforehand, counting the same populations. With
 * `names`, it joins name keys too where one side has no domain, as the matcher does, so that it
 * finds (nearly) the same pairs; without, only domains. A right-hand account sharing several
 * domains with a left-hand one counts once, as in the matcher.
 */
async function measureBareJoin(
  left: readonly RawAccount[],
  right: readonly RawAccount[],
  leftKeys: PreparedKeys,
  rightKeys: PreparedKeys,
  names: boolean,
): Promise<Measurement> {
  await settle();
  const peak = new MemoryPeak();
  peak.sample();
  const clock = new Stopwatch();
  const rightByDomain = new Map<string, number[]>();
  const rightByName = new Map<string, number[]>();
  const append = (map: Map<string, number[]>, key: string, row: number) => {
    const rows = map.get(key);
    if (rows === undefined) map.set(key, [row]);
    else rows.push(row);
  };
  for (let i = 0; i < right.length; i++) {
    for (const key of rightKeys.domains[i]!) append(rightByDomain, key, i);
    const name = rightKeys.names[i];
    if (names && name !== null) append(rightByName, name!, i);
    if ((i & (SAMPLE_EVERY - 1)) === 0) peak.sample();
  }
  const lastCountedFor = new Int32Array(right.length).fill(-1);
  const counts = newCounts();
  for (let i = 0; i < left.length; i++) {
    const ours = left[i]!;
    const domains = leftKeys.domains[i]!;
    for (const key of domains) {
      const rows = rightByDomain.get(key);
      if (rows === undefined) continue;
      for (const row of rows) {
        if (lastCountedFor[row] === i) continue;
        lastCountedFor[row] = i;
        count(counts, ours, right[row]!, false);
      }
    }
    const name = leftKeys.names[i];
    const rows = names && name !== null ? rightByName.get(name!) : undefined;
    if (rows !== undefined) {
      for (const row of rows) {
        if (domains.length === 0 || rightKeys.domains[row]!.length === 0)
          count(counts, ours, right[row]!, true);
      }
    }
    if ((i & (SAMPLE_EVERY - 1)) === 0) peak.sample();
  }
  const time = clock.lap();
  peak.sample();
  const gcSeconds = await gcPauses.between(clock.wallStart, time.at);
  const retained = retainedHeap(peak.baselineHeap, rightByDomain, rightByName);
  return {
    seconds: time.seconds,
    cpuSeconds: time.cpuSeconds,
    gcSeconds,
    accounts: left.length + right.length,
    ...counts,
    peakRssBytes: peak.rss,
    peakHeapBytes: peak.heap,
    baselineHeapBytes: peak.baselineHeap,
    retainedHeapBytes: retained,
  };
}

function prepareKeys(accounts: readonly RawAccount[]): PreparedKeys {
  const domains = accounts.map((a) => accountDomains(a.websites));
  const names = accounts.map((a) => {
    const name = parseCompanyName(a.name);
    return name.strength > 0 ? name.key : null;
  });
  return { domains, names };
}

/** The run with the median CPU time, so one unlucky garbage collection does not decide the result. */
async function median<T>(
  runs: number,
  measure: () => Promise<T>,
  cpuSeconds: (result: T) => number,
): Promise<T> {
  const results: T[] = [];
  for (let run = 0; run < runs; run++) results.push(await measure());
  results.sort((a, b) => cpuSeconds(a) - cpuSeconds(b));
  return results[Math.floor(results.length / 2)]!;
}

// --- Report -------------------------------------------------------------------------------

const formatCount = (n: number) => Math.round(n).toLocaleString("en-US");
const formatMiB = (bytes: number) => `${formatCount(bytes / 2 ** 20)} MiB`;
const formatSeconds = (seconds: number) => `${seconds.toFixed(2)} s`;
const rate = (m: Measurement) => m.accounts / m.cpuSeconds;
const ratio = (m: Measurement, floor: Measurement) => m.cpuSeconds / floor.cpuSeconds;

function row(label: string, m: Measurement, floor: Measurement | null, whole = true): string {
  const cells = [
    label,
    formatCount(m.accounts),
    formatSeconds(m.seconds),
    formatSeconds(m.cpuSeconds),
    formatCount(rate(m)),
    whole ? formatSeconds(m.gcSeconds) : "",
    formatCount(m.matches),
    whole ? formatMiB(m.peakRssBytes) : "",
    whole ? formatMiB(m.peakHeapBytes - m.baselineHeapBytes) : "",
    whole ? formatMiB(m.retainedHeapBytes) : "",
    floor === null ? "n/a" : `${ratio(m, floor).toFixed(1)}×`,
  ];
  return `| ${cells.join(" | ")} |`;
}

/** Pairs of accounts, one per side, that stand for the same company: what a perfect matcher finds. */
function expectedPairs(left: readonly RawAccount[], right: readonly RawAccount[]): number {
  const rightPerCompany = new Map<number, number>();
  for (const account of right)
    rightPerCompany.set(account.company, (rightPerCompany.get(account.company) ?? 0) + 1);
  let pairs = 0;
  for (const account of left) pairs += rightPerCompany.get(account.company) ?? 0;
  return pairs;
}

function quality(label: string, m: Measurement, expected: number): string {
  const found = m.matches - m.falseMatches;
  return `- ${label}: ${formatCount(m.matches)} matches, ${formatCount(m.nameMatches)} of them by name; ${formatCount(m.falseMatches)} false; ${formatCount(found)} of the ${formatCount(expected)} true pairs found (${((found / expected) * 100).toFixed(1)}%).`;
}

function populationTable(m: Measurement): string[] {
  const lines = [
    `| our side ↓ / partner → | ${RELATIONSHIPS.join(" | ")} |`,
    `| --- | ${RELATIONSHIPS.map(() => "---:").join(" | ")} |`,
  ];
  RELATIONSHIPS.forEach((ours, i) => {
    const counts = RELATIONSHIPS.map((_, j) => formatCount(m.populations[i * RELATIONSHIPS.length + j]!));
    lines.push(`| ${ours} | ${counts.join(" | ")} |`);
  });
  return lines;
}

/**
 * Both floors, (c) and (d), on keys normalised here. The keys are dropped on return: a major
 * collection marks every live object, and the matcher's runs should not pay for the floor's.
 */
async function measureFloors(
  left: readonly RawAccount[],
  right: readonly RawAccount[],
  runs: number,
): Promise<{ floor: Measurement; domainFloor: Measurement }> {
  const leftKeys = prepareKeys(left);
  const rightKeys = prepareKeys(right);
  // Let the JIT compile the joins before they are timed.
  const warmUp = Math.min(left.length, 50_000);
  const warmUpKeys = { domains: leftKeys.domains.slice(0, warmUp), names: leftKeys.names.slice(0, warmUp) };
  await measureBareJoin(left.slice(0, warmUp), right, warmUpKeys, rightKeys, true);
  await measureBareJoin(left.slice(0, warmUp), right, warmUpKeys, rightKeys, false);
  const floor = await median(
    runs,
    () => measureBareJoin(left, right, leftKeys, rightKeys, true),
    (m) => m.cpuSeconds,
  );
  const domainFloor = await median(
    runs,
    () => measureBareJoin(left, right, leftKeys, rightKeys, false),
    (m) => m.cpuSeconds,
  );
  return { floor, domainFloor };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { size: { type: "string", default: "1000000" }, runs: { type: "string", default: "3" } },
  });
  const size = Number(values.size);
  const runs = Number(values.runs);
  const nameSize = Math.max(1, Math.round(size / 10));
  // The partner's companies start 70% of the way into ours: 30% of the companies are shared.
  const partnerFirstCompany = Math.round(size * 0.7);

  const left = generateAccounts(size, 0, 1, true);
  const right = generateAccounts(size, partnerFirstCompany, 2, true);
  const nameLeft = generateAccounts(nameSize, 0, 3, false);
  const nameRight = generateAccounts(nameSize, Math.round(nameSize * 0.7), 4, false);

  const loadAtStart = loadavg()[0]!;
  const { floor, domainFloor } = await measureFloors(left, right, runs);
  // Let the JIT compile every hot path before anything is timed.
  const warmUp = Math.min(size, 50_000);
  await measureMatching(left.slice(0, warmUp), right.slice(0, warmUp));
  await measureMatching(nameLeft.slice(0, warmUp), nameRight.slice(0, warmUp));
  const domains = await median(
    runs,
    () => measureMatching(left, right),
    (m) => m.total.cpuSeconds,
  );
  const names = await median(
    runs,
    () => measureMatching(nameLeft, nameRight),
    (m) => m.total.cpuSeconds,
  );
  const loadAtEnd = loadavg()[0]!;

  const verdict = (met: boolean) => (met ? "**met**" : "**not met**");
  const rateTarget = (m: Measurement) =>
    `${verdict(rate(m) >= TARGET_ACCOUNTS_PER_SECOND)} (${formatCount(rate(m))}/s)`;
  const ratioTarget = (m: Measurement) =>
    `${verdict(ratio(m, floor) <= TARGET_RATIO_TO_FLOOR)} (${ratio(m, floor).toFixed(1)}×; ${ratio(m, domainFloor).toFixed(1)}× the domain-only join)`;
  const lines = [
    "## Account matching",
    "",
    `\`npx tsx test/bench/matching.bench.ts --size ${size} --runs ${runs}\`: Node ${process.version}, one thread,`,
    `median of ${runs} runs after a warm-up; ${cpus().length} cores, load average ${loadAtStart.toFixed(1)} at start and ${loadAtEnd.toFixed(1)} at end.`,
    "",
    "Synthetic accounts from a seeded PRNG: 30% of the companies appear on both sides, spelled differently",
    "(scheme, `www.`, paths, query strings, upper case, emails, subdomains, a second country domain, a second",
    "field holding free mail); 8% have no usable website (empty or free mail) and fall back to their names;",
    "2% are duplicate records; 2% of the companies bear another company's name (namesakes); each account",
    "is a customer (20%), an opportunity (20%) or a prospect (60%).",
    "Run (a) times normalising every website (a1), then indexing one side, matching the other account by",
    "account and counting matches per (relationship × relationship) pair (a2); company names are parsed in",
    "(a2), only for accounts that may match by name (one side without a usable website). Generating the data",
    "stands in for CSV parsing and is not timed; nor is storing the matches. Accounts/s counts both sides.",
    "Names and websites are flat strings decoded from bytes, as a CSV parser hands them over.",
    "The floor (c) is a bare `Map` join of domains and name keys normalised before its clock starts, with the",
    "same rule for names (one side without a website), counting the same populations; (d) joins domains only.",
    "The floors run first, and their keys are released before (a) runs.",
    "CPU time is the whole process's (garbage-collector threads included); accounts/s and × floor use it,",
    "since wall time on a shared machine measures the other tenants too. GC is the main thread's collection",
    "pauses. Peak RSS is the whole process's, input data included. Peak heap is the most the JavaScript heap",
    "grew during the run, garbage included; retained heap is what the run's index and prepared accounts keep",
    `after a full collection${collectGarbage === null ? " (no collector could be forced here, so both include older garbage)" : ""}.`,
    "",
    "| run | accounts | wall time | CPU time | accounts/s | GC | matches | peak RSS | peak heap | retained heap | × floor |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    row(`(a) domains, ${formatCount(size)} × ${formatCount(size)}, end to end`, domains.total, floor),
    row("(a1) of which normalising websites", domains.normalising, floor, false),
    row("(a2) of which indexing, matching, counting", domains.matching, floor, false),
    row(`(b) names only, ${formatCount(nameSize)} × ${formatCount(nameSize)}, end to end`, names.total, null),
    row("(c) floor: bare `Map` join of the pre-normalised keys of (a)", floor, floor),
    row("(d) bare `Map` join of the pre-normalised domains of (a) only", domainFloor, floor),
    "",
    "Matches of run (a) by relationship:",
    "",
    ...populationTable(domains.total),
    "",
    "Checked against the companies the data were generated from:",
    "",
    quality("(a)", domains.total, expectedPairs(left, right)),
    quality("(b)", names.total, expectedPairs(nameLeft, nameRight)),
    "",
    "Targets:",
    "",
    `- ≥ ${formatCount(TARGET_ACCOUNTS_PER_SECOND)} accounts/s per core: ${rateTarget(domains.total)} end to end, ${rateTarget(domains.matching)} for matching alone.`,
    `- Within ${TARGET_RATIO_TO_FLOOR}× of the bare join (c): ${ratioTarget(domains.total)} end to end, ${ratioTarget(domains.matching)} for matching alone.`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

await main();
