import { createReadStream, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ColumnMapping } from "./columns";
import { AccountsCsvError } from "./errors";
import { type ParseAccountsOptions, type ParsedRow, parseAccountsCsv } from "./parse-accounts";

const fixture = (name: string) => new URL(`../../test/fixtures/csv/${name}`, import.meta.url);

async function collect(rows: AsyncIterable<ParsedRow>): Promise<ParsedRow[]> {
  const result: ParsedRow[] = [];
  for await (const row of rows) result.push(row);
  return result;
}

async function* chunksOf(...chunks: string[]): AsyncGenerator<string> {
  yield* chunks;
}

const parseText = (text: string, options?: ParseAccountsOptions) =>
  collect(parseAccountsCsv(chunksOf(text), options));

/** Feeds bytes in small slices so that records, quoted fields and multi-byte characters straddle chunks. */
async function* inSlices(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

const errors = (rows: ParsedRow[]) => rows.flatMap((row) => (row.ok ? [] : [[row.line, row.reason]]));
const accountAt = (rows: ParsedRow[], line: number) => {
  const row = rows.find((candidate) => candidate.line === line);
  if (!row?.ok) throw new Error(`no account at line ${line}`);
  return row.account;
};

describe("parseAccountsCsv on the Salesforce report fixture", () => {
  const rowsPromise = collect(parseAccountsCsv(createReadStream(fixture("salesforce-accounts.csv"))));

  it("reports each bad row with its physical line, counting the multi-line address as three lines", async () => {
    expect(errors(await rowsPromise)).toEqual([
      [14, 'missing crmId ("Account ID")'],
      [16, 'ownerEmail ("Account Owner Email"): invalid email address "m.okafor@"'],
      [18, "row has 5 fields, the header has 14"],
      [20, 'missing name ("Account Name")'],
      [24, expect.stringMatching(/^industry \("Industry"\): too big: .*<=120 characters "Shipping, ports/)],
      [27, 'updatedAt ("Last Modified Date"): not a date "2/30/2024"'],
    ]);
  });

  it("keeps yielding good rows after bad ones and skips the report footer", async () => {
    const rows = await rowsPromise;
    const goodLines = rows.filter((row) => row.ok).map((row) => row.line);
    expect(goodLines).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 17, 19, 21, 22, 23, 25, 26, 28, 29, 30, 31, 32, 33,
    ]);
  });

  it("maps a full row, with 18-character ids and ISO dates", async () => {
    expect(accountAt(await rowsPromise, 2)).toEqual({
      crmId: "001Hs00002kLm3AIAS",
      name: "Brightwater Logistics",
      websites: ["www.brightwater-logistics.com"],
      relationship: "customer",
      ownerName: "Priya Raman",
      ownerEmail: "priya.raman@lumencloud.io",
      industry: "Transportation",
      segment: "enterprise",
      region: "United States",
      updatedAt: "2024-03-14T10:46:00.000Z",
    });
  });

  it("reads quoted commas, escaped quotes and the row holding a multi-line field", async () => {
    const rows = await rowsPromise;
    expect(accountAt(rows, 3).name).toBe("Northwind Harbor Supply, Inc.");
    expect(accountAt(rows, 25).name).toBe('Marlowe & Finch "M&F" LLP');
    expect(accountAt(rows, 11)).toMatchObject({ name: "Saltmarsh Foods", region: "Canada" });
  });

  it("maps Salesforce account types and employee bands", async () => {
    const rows = await rowsPromise;
    expect([3, 9, 10, 32].map((line) => accountAt(rows, line).relationship)).toEqual([
      "customer",
      "prospect",
      "prospect",
      "prospect",
    ]);
    expect([32, 33, 26, 31, 10].map((line) => accountAt(rows, line).segment)).toEqual([
      "smb",
      "mid_market",
      "mid_market",
      "enterprise",
      null,
    ]);
  });

  it("passes a repeated crmId through as it comes, for the importer to keep the last", async () => {
    const rows = await rowsPromise;
    expect(accountAt(rows, 22).crmId).toBe(accountAt(rows, 2).crmId);
    expect(accountAt(rows, 22).updatedAt).toBe("2024-03-15T09:00:00.000Z");
  });

  it("gives the same result whatever the chunk boundaries", async () => {
    const bytes = readFileSync(fixture("salesforce-accounts.csv"));
    for (const size of [1, 3, 7, 64]) {
      expect(await collect(parseAccountsCsv(inSlices(bytes, size)))).toEqual(await rowsPromise);
    }
  });
});

describe("parseAccountsCsv on the HubSpot fixture", () => {
  const columns: ColumnMapping[] = [];
  const rowsPromise = collect(
    parseAccountsCsv(createReadStream(fixture("hubspot-companies.csv")), {
      onColumns: (mapping) => columns.push(mapping),
    }),
  );

  it("announces the detected format once, before the rows", async () => {
    await rowsPromise;
    expect(columns.map((mapping) => mapping.format)).toEqual(["hubspot"]);
  });

  it("collects websites from the domain, the URL and the additional domains", async () => {
    const rows = await rowsPromise;
    expect(accountAt(rows, 2).websites).toEqual([
      "brightwater-logistics.com",
      "https://www.brightwater-logistics.com",
      "brightwater-logistics.co.uk",
      "brightwater.de",
    ]);
    expect(accountAt(rows, 19).websites).toEqual(["ostarabio.com", "ostara-bio.com", "ostarabio.eu"]);
    expect(accountAt(rows, 9).websites).toEqual([]);
  });

  it("maps lifecycle stages in both their internal and display forms", async () => {
    const rows = await rowsPromise;
    const relationshipAt = (line: number) => accountAt(rows, line).relationship;
    expect([2, 3, 6].map(relationshipAt)).toEqual(["customer", "customer", "customer"]);
    expect([4, 10, 12].map(relationshipAt)).toEqual(["opportunity", "opportunity", "opportunity"]);
    expect([5, 9, 13, 16, 8].map(relationshipAt)).toEqual([
      "prospect",
      "prospect",
      "prospect",
      "prospect",
      "prospect",
    ]);
  });

  it("reads owner cells holding a name, an address, or both", async () => {
    const rows = await rowsPromise;
    expect(accountAt(rows, 2)).toMatchObject({ ownerName: "Priya Raman", ownerEmail: null });
    expect(accountAt(rows, 12)).toMatchObject({
      ownerName: "Dana Whitfield",
      ownerEmail: "dana.whitfield@lumencloud.io",
    });
    expect(accountAt(rows, 15)).toMatchObject({ ownerName: null, ownerEmail: "jordan.lee@lumencloud.io" });
  });

  it("keeps HubSpot record ids as they are and reports its bad rows", async () => {
    const rows = await rowsPromise;
    expect(accountAt(rows, 3).crmId).toBe("9312004102");
    expect(errors(rows)).toEqual([
      [14, 'missing crmId ("Record ID")'],
      [20, 'updatedAt ("Last Modified Date"): not a date "last week"'],
      [25, 'missing name ("Company name")'],
    ]);
  });
});

describe("parseAccountsCsv with custom columns", () => {
  const map = {
    "Cust #": "crmId",
    Company: "name",
    Web: "website",
    Status: "relationship",
    Rep: "ownerName",
    "Rep E-mail": "ownerEmail",
    Vertical: "industry",
    Tier: "segment",
    Headcount: "employees",
    Territory: "region",
    Updated: "updatedAt",
  };
  const open = () => createReadStream(fixture("custom-columns.csv"));

  it("fails before yielding anything when the file needs a mapping, naming what is missing", async () => {
    const rows = parseAccountsCsv(open());
    await expect(rows.next()).rejects.toThrow(
      expect.objectContaining({
        name: "AccountsCsvError",
        message: expect.stringMatching(
          /^Missing required columns: crmId .*Headers seen: "Cust #", "Company"/,
        ),
      }),
    );
  });

  it("reads the file through the mapping", async () => {
    const rows = await collect(parseAccountsCsv(open(), { map, defaultRelationship: "customer" }));
    expect(accountAt(rows, 3)).toEqual({
      crmId: "C-1002",
      name: "Quillfeather Software GmbH",
      websites: ["quillfeather.de", "quillfeather.at"],
      relationship: "customer",
      ownerName: "Lena Vogt",
      ownerEmail: "lena.vogt@lumencloud.io",
      industry: "Software",
      segment: "mid_market",
      region: "DACH",
      updatedAt: "2024-03-01T00:00:00.000Z",
    });
    expect(accountAt(rows, 4).segment).toBe("enterprise");
    expect(accountAt(rows, 6)).toMatchObject({ relationship: "prospect", segment: null });
    expect(accountAt(rows, 7).relationship).toBe("customer");
    expect(errors(rows)).toEqual([
      [8, 'ownerEmail ("Rep E-mail"): invalid email address "dana.whitfield@lumencloud"'],
    ]);
  });
});

describe("parseAccountsCsv line numbers and file-level problems", () => {
  const header = "Account ID,Account Name,Type,Billing Street\n";

  it("counts CRLF line breaks inside quoted fields once", async () => {
    const text = [
      "Account ID,Account Name,Type,Billing Street",
      'A1,Acme,Customer,"1 Main St\r\nFloor 2\r\nRoom 3"',
      ",No Id,Prospect,",
      "A3,Beta,Prospect,",
    ].join("\r\n");
    const rows = await parseText(text);
    expect(rows.map((row) => [row.line, row.ok])).toEqual([
      [2, true],
      [5, false],
      [6, true],
    ]);
  });

  it("ends records at any line ending, mixed in one file, and counts each as one line", async () => {
    const lfHeader = [
      "Account ID,Account Name,Type,Billing Street\n",
      "A1,Acme,Customer,\r\n",
      ",No Id,Prospect,\r",
      'A3,Beta,Prospect,"1 Main St\nFloor 2\r\nRoom 3"\r\n',
      ",No Id,Prospect,\n",
      "A5,Gamma,Prospect,\r\n",
    ].join("");
    const crlfHeader =
      "Account ID,Account Name,Type\r\nA1,Acme,Customer\n,No Id,Prospect\nA3,Beta,Prospect\n";
    for (const size of [1, 2, 64]) {
      const lines = async (text: string) =>
        (await collect(parseAccountsCsv(inSlices(Buffer.from(text), size)))).map((row) => [row.line, row.ok]);
      expect(await lines(lfHeader)).toEqual([
        [2, true],
        [3, false],
        [4, true],
        [7, false],
        [8, true],
      ]);
      expect(await lines(crlfHeader)).toEqual([
        [2, true],
        [3, false],
        [4, true],
      ]);
    }
  });

  it("skips blank lines but still counts them", async () => {
    const rows = await parseText(`\n${header}\nA1,Acme,Customer,\n\n\nA2,,Prospect,\n`);
    expect(rows.map((row) => [row.line, row.ok])).toEqual([
      [4, true],
      [7, false],
    ]);
  });

  it("rejects a row whose column count is wrong in either direction", async () => {
    const rows = await parseText(`${header}A1,Acme,Customer\nA2,Beta,Prospect,x,extra\nA3,Gamma,Prospect,\n`);
    expect(errors(rows)).toEqual([
      [2, "row has 3 fields, the header has 4"],
      [3, "row has 5 fields, the header has 4"],
    ]);
    expect(rows.at(-1)).toMatchObject({ line: 4, ok: true });
  });

  it("rejects a name longer than the contract allows, naming the field", async () => {
    const rows = await parseText(`${header}A1,${"x".repeat(501)},Customer,\n`);
    expect(errors(rows)).toEqual([
      [2, expect.stringMatching(/^name \("Account Name"\): too big: .*<=500 characters "x{40}…"$/)],
    ]);
  });

  it("takes the default relationship for a row with an empty relationship cell", async () => {
    const rows = await parseText(`${header}A1,Acme,,\n`, { defaultRelationship: "opportunity" });
    expect(accountAt(rows, 2).relationship).toBe("opportunity");
  });

  it("reads ambiguous dates in the order it is told", async () => {
    const text = "Account ID,Account Name,Type,Last Modified Date\nA1,Acme,Customer,03/04/2024\n";
    expect(accountAt(await parseText(text, { dateOrder: "dmy" }), 2).updatedAt).toBe(
      "2024-04-03T00:00:00.000Z",
    );
  });

  it("stops with the line of a quote that is never closed, after the rows before it", async () => {
    const seen: ParsedRow[] = [];
    const run = async () => {
      for await (const row of parseAccountsCsv(
        chunksOf(header, 'A1,Acme,Customer,\nA2,"Beta,Prospect,\nA3,Gamma,x,\n'),
      )) {
        seen.push(row);
      }
    };
    await expect(run()).rejects.toThrow(
      new AccountsCsvError("Line 3: a quoted field in this row is never closed."),
    );
    expect(seen.map((row) => row.line)).toEqual([2]);
  });

  it("stops on a runaway record instead of buffering it", async () => {
    const runaway = chunksOf(header, 'A1,Acme,Customer,\nA2,"', ...Array(20).fill("x".repeat(100_000)));
    await expect(collect(parseAccountsCsv(runaway))).rejects.toThrow(
      /^Line 3: the row is longer than 1,000,000 characters/,
    );
  });

  it("rejects an empty file", async () => {
    await expect(parseText("\uFEFF\n\n")).rejects.toThrow(/empty: there is no header row/);
  });

  it("passes on an error from the input stream", async () => {
    async function* failing() {
      yield header;
      throw new Error("disk gone");
    }
    await expect(collect(parseAccountsCsv(failing()))).rejects.toThrow("disk gone");
  });

  it("stops reading the input when the consumer stops early", async () => {
    let closed = false;
    let chunksRead = 0;
    async function* endless() {
      try {
        yield header;
        for (;;) {
          chunksRead++;
          yield `A${chunksRead},Acme ${chunksRead},Customer,\n`;
        }
      } finally {
        closed = true;
      }
    }
    for await (const row of parseAccountsCsv(endless())) {
      if (row.line === 3) break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
    expect(chunksRead).toBeLessThan(1000);
  });
});

describe("parseAccountsCsv encodings and delimiters", () => {
  const header = "Account ID,Account Name,Type\n";

  it("refuses a file that is not UTF-8, naming the line, whatever the chunk boundaries", async () => {
    const latin1 = Buffer.from(`${header}A1,Acme,Customer\r\n\r\nA2,Société Générale,Customer\n`, "latin1");
    for (const size of [1, 7, 4096]) {
      await expect(collect(parseAccountsCsv(inSlices(latin1, size)))).rejects.toThrow(
        new AccountsCsvError(
          'Line 4: the file is not valid UTF-8 text. Save it as "CSV UTF-8" (in Excel: File, Save As, CSV UTF-8) and import it again.',
        ),
      );
    }
    const cutShort = Buffer.from(`${header}A1,Société`).subarray(0, -1);
    await expect(collect(parseAccountsCsv(inSlices(cutShort, 4096)))).rejects.toThrow(/^Line 2: /);
  });

  it("reads UTF-16 that starts with its byte order mark", async () => {
    const text = `${header}A1,Société Générale,Customer\n`;
    const littleEndian = Buffer.from(`\uFEFF${text}`, "utf16le");
    const bigEndian = Buffer.from(littleEndian).swap16();
    for (const bytes of [littleEndian, bigEndian]) {
      expect(accountAt(await collect(parseAccountsCsv(inSlices(bytes, 3))), 2).name).toBe("Société Générale");
    }
  });

  it("refuses UTF-16 without a byte order mark, and a header holding U+0000", async () => {
    await expect(collect(parseAccountsCsv(inSlices(Buffer.from(header, "utf16le"), 64)))).rejects.toThrow(
      /^The file looks like UTF-16 without a byte order mark.*"CSV UTF-8"/,
    );
    await expect(parseText("Account ID\u0000,Account Name,Type\n1,A,Customer\n")).rejects.toThrow(
      new AccountsCsvError(
        "Line 1: a header holds the NUL character (U+0000). Remove it and import the file again.",
      ),
    );
  });

  it("splits on semicolons or tabs when the header has no comma", async () => {
    const semicolons = await parseText(
      'Account ID;Account Name;"Type";Website\nA1;Acme, Inc;Customer;"a.com; b.com"\n',
    );
    expect(accountAt(semicolons, 2)).toMatchObject({ name: "Acme, Inc", websites: ["a.com", "b.com"] });
    const tabs = await parseText("Account ID\tAccount Name\tType\nA1\tAcme, Inc\tCustomer\n");
    expect(accountAt(tabs, 2).name).toBe("Acme, Inc");
  });

  it("keeps splitting on commas when only the rows hold semicolons", async () => {
    const rows = await parseText(`${header.replace("\n", ",Website\n")}A1,Acme;Beta,Customer,a.com; b.com\n`);
    expect(errors(rows)).toEqual([]);
    expect(accountAt(rows, 2)).toMatchObject({ name: "Acme;Beta", websites: ["a.com", "b.com"] });
  });
});
