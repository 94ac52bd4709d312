/**
 * The CLI as an admin runs it: each command is a separate process (server/testing/cli.ts) on the
 * database of the run, a temporary DATA_DIR on PGlite or DATABASE_URL on PostgreSQL.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { readConfig } from "../config";
import { type Database, openDatabase, rows } from "../db/client";
import { type CliRun, runCli } from "../testing/cli";

const ROOT = resolve(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "test/fixtures/csv");
const postgresUrl = readConfig().DATABASE_URL;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "cosell-cli-"));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function cli(args: string[], stdin = ""): Promise<CliRun> {
  return runCli(args, postgresUrl ? { DATABASE_URL: postgresUrl } : { DATA_DIR: dataDir }, stdin);
}

/** Opens the CLI's database in this process: only between commands, as PGlite allows one user. */
async function inspect<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(postgresUrl ? { databaseUrl: postgresUrl } : { dataDir });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const slug = (name: string) => `${name}-${randomUUID().slice(0, 6)}`;
const vendor = slug("vendor");
const partner = slug("partner");

describe("the admin CLI", () => {
  it("adds organisations, a user whose password comes from stdin, and a partnership", async () => {
    expect(await cli(["org", "add", vendor, "--name", "Vendor Analytics"])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Created organisation ${vendor} (Vendor Analytics)`),
    });
    expect((await cli(["org", "add", partner, "--name", "Partner Consulting"])).code).toBe(0);
    const email = `admin@${vendor}.test`;
    const added = await cli(
      ["user", "add", email, "--org", vendor, "--role", "admin", "--name", "Ada Admin"],
      "a piped password\n",
    );
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining(`Created admin ${email}`) });
    const shared = await cli([
      "partnership",
      "add",
      vendor,
      partner,
      "--share",
      "customer,opportunity",
      "--fields",
      "name,relationship",
    ]);
    expect(shared).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`Partnered ${vendor} and ${partner}`),
    });
    expect((await cli(["partnership", "add", partner, vendor, "--share", "customer"])).stdout).toContain(
      "Updated",
    );

    await inspect(async (database) => {
      const app = createApp({ database, tokenTtlHours: 1 });
      const signIn = await app.request("/v1/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "a piped password" }),
      });
      expect(signIn.status).toBe(200);
      const rules = await rows<{ slug: string; level: string; populations: string[]; fields: string[] }>(
        database.db,
        sql`select o.slug, r.level, r.populations, r.fields from sharing_rules r join orgs o on o.id = r.org_id
            where o.slug in (${vendor}, ${partner}) order by o.slug = ${vendor} desc`,
      );
      expect(rules).toEqual([
        {
          slug: vendor,
          level: "overlaps",
          populations: ["customer", "opportunity"],
          fields: ["name", "relationship"],
        },
        { slug: partner, level: "overlaps", populations: ["customer"], fields: [] },
      ]);
    });
  }, 180_000);

  it("imports the Salesforce and HubSpot fixtures, listing bad rows, and matches them", async () => {
    const salesforce = await cli(["accounts", "import", vendor, join(FIXTURES, "salesforce-accounts.csv")]);
    expect(salesforce.code).toBe(0);
    expect(salesforce.stdout).toContain("24 good rows: 23 new, 0 changed, 0 unchanged, 1 replaced");
    expect(salesforce.stdout).toContain('line 14: missing crmId ("Account ID")');
    expect(salesforce.stdout).toContain('line 27: updatedAt ("Last Modified Date"): not a date "2/30/2024"');

    const hubspot = await cli([
      "accounts",
      "import",
      partner,
      join(FIXTURES, "hubspot-companies.csv"),
      "--format",
      "hubspot",
    ]);
    expect(hubspot.code).toBe(0);
    expect(hubspot.stdout).toContain("27 good rows: 26 new");
    expect(hubspot.stdout).toMatch(/Matched 26 accounts across 1 partnership: \d+ overlaps added/);

    const again = await cli(["accounts", "import", vendor, join(FIXTURES, "salesforce-accounts.csv")]);
    expect(again.stdout).toContain("24 good rows: 0 new, 0 changed, 23 unchanged");
    expect(await cli(["match", "--org", vendor])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("Matched 0 accounts across 1 partnership"),
    });
    // Keys loaded by this version are current; a full run re-checks them and changes no overlap.
    expect(await cli(["match", "--org", vendor, "--full"])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /Checked the match keys of 49 accounts: 0 changed under the current rules\.\nMatched 23 accounts across 1 partnership: 0 overlaps added or updated, 0 removed\./,
      ),
    });

    const overlaps = await inspect((database) =>
      rows<{ method: string; confidence: number }>(
        database.db,
        sql`select o.method, o.confidence from account_overlaps o join orgs v on v.id = o.org_id where v.slug = ${vendor}`,
      ),
    );
    expect(overlaps.length).toBeGreaterThan(10);
    expect(new Set(overlaps.map((o) => o.method))).toEqual(new Set(["domain", "name"]));
  }, 180_000);

  it("fails with a clear message and exit code 1 on bad input", async () => {
    const cases: [string[], RegExp, string?][] = [
      [
        ["accounts", "import", "no-such-org", join(FIXTURES, "salesforce-accounts.csv")],
        /No organisation with the slug "no-such-org"/,
      ],
      [["accounts", "import", vendor, "missing.csv"], /Cannot read missing\.csv/],
      [["accounts", "import", vendor, FIXTURES], /Cannot read .*: it is not a file/],
      [
        ["accounts", "import", vendor, join(FIXTURES, "salesforce-empty-report.csv")],
        /has a header but no rows/,
      ],
      [
        ["accounts", "import", vendor, join(FIXTURES, "salesforce-accounts.csv"), "--date-order", "ymd"],
        /argument 'ymd' is invalid/,
      ],
      [
        ["accounts", "import", vendor, join(FIXTURES, "custom-columns.csv")],
        /Missing required columns: crmId/,
      ],
      [
        ["accounts", "import", vendor, join(FIXTURES, "custom-columns.csv"), "--map", "Cust #"],
        /"Cust #" is not <csv header>=<field>/,
      ],
      [
        [
          "accounts",
          "import",
          vendor,
          join(FIXTURES, "salesforce-accounts.csv"),
          "--relationship-value",
          "Kunde=client",
        ],
        /"Kunde=client": the relationship must be one of customer, opportunity, prospect/,
      ],
      [
        ["user", "add", `x@${vendor}.test`, "--org", vendor, "--role", "boss"],
        /argument 'boss' is invalid/,
        "pw",
      ],
      [["user", "add", `x@${vendor}.test`, "--org", vendor, "--role", "rep"], /No password on stdin/],
      [
        ["user", "add", `x@${vendor}.test`, "--org", vendor, "--role", "rep"],
        /at least 10 characters/,
        "short\n",
      ],
      [["org", "add", vendor, "--name", "Again"], /already exists/],
      [["org", "add", "Not A Slug", "--name", "X"], /not a valid slug/],
      [["partnership", "add", vendor, partner, "--fields", "revenue"], /Unknown field "revenue"/],
      [["frobnicate"], /unknown command/],
    ];
    for (const [args, message, stdin] of cases) {
      const result = await cli(args, stdin);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({
        args,
        code: 1,
        stderr: expect.stringMatching(message),
      });
    }
  }, 300_000);

  it("names a file it cannot read in one line, instead of a stack trace", async () => {
    // As root, chmod 000 doesn't stop reading; /proc/self/mem is a file that stat calls readable
    // whose first read fails (EIO), as a file on a failing disk or a dropped network share does.
    const unreadable: [string, RegExp][] = [];
    if (existsSync("/proc/self/mem")) {
      unreadable.push(["/proc/self/mem", /^Error: Cannot read \/proc\/self\/mem: input\/output error\.\n$/]);
    }
    if (process.getuid?.() !== 0) {
      const locked = join(dataDir, "locked.csv");
      await writeFile(locked, "Account ID,Account Name,Type\nL-1,Locked Ltd,Customer\n");
      await chmod(locked, 0o000);
      unreadable.push([locked, /^Error: Cannot read .*locked\.csv: permission denied\.\n$/]);
    }
    for (const [file, message] of unreadable) {
      const result = await cli(["accounts", "import", vendor, file]);
      expect({ file, code: result.code, stderr: result.stderr }).toEqual({
        file,
        code: 1,
        stderr: expect.stringMatching(message),
      });
    }
  }, 120_000);

  it("says which relationship values it didn't recognise, and reads them when told", async () => {
    const file = join(dataDir, "kunden.csv");
    await writeFile(
      file,
      "Account ID,Account Name,Type\nK-1,Kessler Maschinenbau AG,Kunde\nK-2,Lindqvist Logistik AB,KUNDE\nK-3,Moreau Conseil SA,Interessent\n",
    );
    const first = await cli(["accounts", "import", vendor, file]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      `3 rows have a relationship value this import doesn't recognise, so they were imported as prospect: "Kunde" (2), "Interessent" (1).\n  To read them otherwise, import again with --relationship-value, e.g. --relationship-value "Kunde=customer".`,
    );

    const told = await cli([
      "accounts",
      "import",
      vendor,
      file,
      "--relationship-value",
      "kunde=customer",
      "--relationship-value",
      "Interessent=prospect",
    ]);
    expect(told.code).toBe(0);
    expect(told.stdout).toContain("3 good rows: 0 new, 2 changed, 1 unchanged.");
    expect(told.stdout).not.toContain("recognise");
    const relationships = await inspect((database) =>
      rows<{ crm_id: string; relationship: string }>(
        database.db,
        sql`select a.crm_id, a.relationship from accounts a join orgs o on o.id = a.org_id
            where o.slug = ${vendor} and a.crm_id like 'K-%' order by a.crm_id`,
      ),
    );
    expect(relationships).toEqual([
      { crm_id: "K-1", relationship: "customer" },
      { crm_id: "K-2", relationship: "customer" },
      { crm_id: "K-3", relationship: "prospect" },
    ]);

    const one = await cli(["accounts", "import", vendor, file, "--relationship-value", "kunde=customer"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(
      `1 row has a relationship value this import doesn't recognise, so it was imported as prospect: "Interessent" (1).\n  To read it otherwise, import again with --relationship-value, e.g. --relationship-value "Interessent=customer".`,
    );

    const single = join(dataDir, "kunde.csv");
    await writeFile(single, "Account ID,Account Name,Type\nK-1,Kessler Maschinenbau AG,Kunde\nK-4,,Kunde\n");
    const counted = await cli([
      "accounts",
      "import",
      vendor,
      single,
      "--relationship-value",
      "kunde=customer",
    ]);
    expect(counted.code).toBe(0);
    expect(counted.stdout).toContain(
      "1 good row: 0 new, 0 changed, 1 unchanged.\n1 bad row, skipped:\n  line 3:",
    );
  }, 180_000);

  it("says an organisation without partnerships has nothing to match, and how to add one", async () => {
    const lonely = slug("lonely");
    expect((await cli(["org", "add", lonely, "--name", "Lonely Ltd"])).code).toBe(0);
    const hint = `${lonely} has no partnerships, so there is nothing to match: add one with partnership add ${lonely} <partner>, then run match --org ${lonely}.`;
    expect(await cli(["match", "--org", lonely])).toMatchObject({ code: 0, stdout: `${hint}\n` });
    const imported = await cli(["accounts", "import", lonely, join(FIXTURES, "salesforce-accounts.csv")]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("24 good rows: 23 new");
    expect(imported.stdout).toContain(hint);
  }, 120_000);

  it("has --help on every command", async () => {
    for (const command of [
      "org add",
      "user add",
      "partnership add",
      "accounts import",
      "match",
      "demo load",
    ]) {
      const result = await cli([...command.split(" "), "--help"]);
      expect(result).toMatchObject({
        code: 0,
        stdout: expect.stringContaining(`Usage: cosell-lens ${command}`),
      });
    }
  }, 120_000);
});
