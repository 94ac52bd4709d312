import { expect, it } from "vitest";
import { parseAccountsCsv } from "./parse-accounts";

const ROWS = 200_000;
const ROWS_PER_CHUNK = 500;
const SAMPLE_EVERY = 5_000;
const MAX_GROWTH_BYTES = 50 * 1024 * 1024;

const HEADER =
  "Account ID,Account Name,Type,Website,Account Owner,Account Owner Email,Industry,Employees,Billing Country,Last Modified Date\n";

/** A Salesforce-shaped export produced chunk by chunk: the whole file never exists as one string. */
async function* generatedExport(): AsyncGenerator<string> {
  yield HEADER;
  for (let first = 0; first < ROWS; first += ROWS_PER_CHUNK) {
    let chunk = "";
    for (let n = first; n < first + ROWS_PER_CHUNK; n++) {
      const id = `001Hs${n.toString(36).padStart(10, "0")}`;
      const type = n % 3 === 0 ? "Customer - Direct" : "Prospect";
      chunk +=
        `${id},"Generated Account ${n}, Holdings",${type},https://www.account-${n}.example.com,` +
        `Owner ${n % 50},owner${n % 50}@lumencloud.io,Industry ${n % 40},${n % 5000},Country ${n % 90},` +
        `3/${(n % 28) + 1}/2024 10:${String(n % 60).padStart(2, "0")} AM\n`;
    }
    yield chunk;
  }
}

/** With --expose-gc the reading is exact; without it, the lowest reading of a window stands in for it. */
function heapUsed(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

it("parses a 200k-row export without the heap growing with the row count", async () => {
  const samples: number[] = [];
  let accounts = 0;
  for await (const row of parseAccountsCsv(generatedExport())) {
    if (row.ok) accounts++;
    if (row.line % SAMPLE_EVERY === 0) samples.push(heapUsed());
  }
  expect(accounts).toBe(ROWS);

  // Rows kept alive anywhere would lift every later reading; garbage only makes readings swing.
  const window = Math.ceil(samples.length / 5);
  const atStart = Math.min(...samples.slice(0, window));
  const atEnd = Math.min(...samples.slice(-window));
  expect(atEnd - atStart).toBeLessThan(MAX_GROWTH_BYTES);
});
