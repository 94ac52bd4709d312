import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, partnerProfiles } from "../db/schema";
import { useTestDatabase } from "../testing/database";
import { createTestOrg } from "../testing/fixtures";
import { registerProfileCommands } from "./profiles";

const database = useTestDatabase();
let files: string;
beforeAll(async () => {
  files = await mkdtemp(join(tmpdir(), "cosell-cli-profiles-"));
});
afterAll(async () => {
  await rm(files, { recursive: true, force: true });
});

/** Runs one CLI command on the test database: what it printed, what it complained about, whether it failed. */
async function cli(...args: string[]) {
  const out = vi.spyOn(console, "log").mockImplementation(() => {});
  const err = vi.spyOn(console, "error").mockImplementation(() => {});
  let usage = "";
  const program = new Command().exitOverride().configureOutput({
    writeErr: (text) => {
      usage += text;
    },
    writeOut: () => {},
  });
  registerProfileCommands(program, (work) => work(database.db));
  const text = (spy: typeof out) => spy.mock.calls.map((call) => String(call[0])).join("\n");
  let rejected = false;
  let printed: string;
  let complaints: string;
  try {
    await program.parseAsync(["node", "cli", ...args]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    rejected = true;
  } finally {
    printed = text(out);
    complaints = text(err);
    out.mockRestore();
    err.mockRestore();
  }
  const failed = rejected || process.exitCode === 1;
  process.exitCode = undefined;
  return { printed, errors: usage + complaints, failed };
}

describe("profile set / show", () => {
  it("describes an organisation and shows it back", async () => {
    const { org, slug } = await createTestOrg(database, "Bluefin Consulting");

    const set = await cli(
      "profile",
      "set",
      slug,
      "--areas",
      "implementation_services, training",
      "--track",
      "complementary",
      "--opt-in",
      "--offering",
      "Salesforce rollouts for retailers",
      "--offering",
      "Admin training",
    );
    const shown = await cli("profile", "show", slug);

    expect(set.failed).toBe(false);
    expect(shown.printed).toContain(`Bluefin Consulting (${slug})`);
    expect(shown.printed).toContain("Solution areas: Implementation services, Training");
    expect(shown.printed).toContain("  - Salesforce rollouts for retailers\n  - Admin training");
    expect(shown.printed).toContain("Co-selling: opted in");
    const logged = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, "profile.updated")));
    expect(logged).toMatchObject([{ actorUserId: null }]);
  });

  it("keeps what the options leave out", async () => {
    const { org, slug } = await createTestOrg(database);
    await cli("profile", "set", slug, "--areas", "security", "--track", "technology_alliance", "--opt-in");

    await cli("profile", "set", slug, "--no-opt-in");

    const [stored] = await database.db
      .select()
      .from(partnerProfiles)
      .where(eq(partnerProfiles.orgId, org.id));
    expect(stored).toMatchObject({
      solutionAreas: ["security"],
      track: "technology_alliance",
      coSellOptIn: false,
    });
  });

  it("refuses an unknown solution area or track, and an unknown organisation, changing nothing", async () => {
    const { org, slug } = await createTestOrg(database);

    const area = await cli("profile", "set", slug, "--areas", "security,blockchain");
    const track = await cli("profile", "set", slug, "--track", "gold");
    const nobody = await cli("profile", "show", "no-such-org");

    expect(area.failed).toBe(true);
    expect(area.errors).toContain('Unknown solution area "blockchain"');
    expect(track.errors).toContain(
      "Allowed choices are complementary, technology_alliance, referral, reseller",
    );
    expect(nobody).toMatchObject({
      failed: true,
      errors: 'Error: No organisation with the slug "no-such-org".',
    });
    const stored = await database.db.select().from(partnerProfiles).where(eq(partnerProfiles.orgId, org.id));
    expect(stored).toEqual([]);
  });

  it("takes the areas of every --areas, not only the last one's", async () => {
    const { org, slug } = await createTestOrg(database);

    const set = await cli("profile", "set", slug, "--areas", "security", "--areas", "training,security");

    expect(set.failed).toBe(false);
    const [stored] = await database.db
      .select()
      .from(partnerProfiles)
      .where(eq(partnerProfiles.orgId, org.id));
    expect(stored?.solutionAreas).toEqual(["security", "training"]);
  });

  it("names the flag behind an invalid value", async () => {
    const { slug } = await createTestOrg(database);

    const result = await cli("profile", "set", slug, "--offering", "x".repeat(201));

    expect(result.failed).toBe(true);
    expect(result.errors).toMatch(/--offering: .*200/);
  });
});

describe("solution-map set / show", () => {
  const map = {
    covers: ["analytics"],
    leavesToPartners: [
      { area: "implementation_services" },
      { area: "managed_services", segments: ["enterprise"] },
    ],
    target: { segments: ["enterprise"], industries: [], regions: ["EMEA"] },
  };

  it("loads a map from a JSON file and prints it back in the same shape", async () => {
    const { slug } = await createTestOrg(database);
    const file = join(files, `${slug}.json`);
    await writeFile(file, JSON.stringify(map));

    const set = await cli("solution-map", "set", slug, "--file", file);
    const shown = await cli("solution-map", "show", slug);

    expect(set.printed).toContain("Leaves to partners: implementation_services, managed_services");
    expect(JSON.parse(shown.printed)).toMatchObject(map);
  });

  it("reads a file saved with a byte order mark, as Windows editors save UTF-8", async () => {
    const { slug } = await createTestOrg(database);
    const file = join(files, `${slug}-bom.json`);
    await writeFile(file, `\uFEFF${JSON.stringify(map)}`);

    const set = await cli("solution-map", "set", slug, "--file", file);

    expect(set).toMatchObject({ failed: false, errors: "" });
    expect(JSON.parse((await cli("solution-map", "show", slug)).printed)).toMatchObject(map);
  });

  it("reads a file saved as UTF-16, as Windows PowerShell 5.1 writes `solution-map show > map.json`", async () => {
    const { slug } = await createTestOrg(database);
    const text = `\uFEFF${JSON.stringify({ ...map, target: { ...map.target, regions: ["Région Île-de-France"] } }, null, 2)}\r\n`;
    const littleEndian = join(files, `${slug}-utf16le.json`);
    const bigEndian = join(files, `${slug}-utf16be.json`);
    await writeFile(littleEndian, Buffer.from(text, "utf16le"));
    await writeFile(bigEndian, Buffer.from(text, "utf16le").swap16());

    for (const file of [littleEndian, bigEndian]) {
      expect(await cli("solution-map", "set", slug, "--file", file)).toMatchObject({
        failed: false,
        errors: "",
      });
      expect(JSON.parse((await cli("solution-map", "show", slug)).printed).target.regions).toEqual([
        "Région Île-de-France",
      ]);
    }
  });

  it("says a file is missing or not a file in one line, instead of Node's error code and calling it not JSON", async () => {
    const { slug } = await createTestOrg(database);
    const missing = join(files, `${slug}-missing.json`);

    expect(await cli("solution-map", "set", slug, "--file", missing)).toMatchObject({
      failed: true,
      errors: `Error: Cannot read ${missing}: no such file.`,
    });
    expect(await cli("solution-map", "set", slug, "--file", files)).toMatchObject({
      failed: true,
      errors: `Error: Cannot read ${files}: it is not a file.`,
    });
  });

  it("names the invalid fields of a map, and says when a file isn't JSON", async () => {
    const { slug } = await createTestOrg(database);
    const invalid = join(files, `${slug}-invalid.json`);
    const notJson = join(files, `${slug}.txt`);
    await writeFile(invalid, JSON.stringify({ ...map, leavesToPartners: [{ area: "catering" }] }));
    await writeFile(notJson, "covers: analytics");

    const rejected = await cli("solution-map", "set", slug, "--file", invalid);
    const unreadable = await cli("solution-map", "set", slug, "--file", notJson);
    const shown = await cli("solution-map", "show", slug);

    expect(rejected).toMatchObject({
      failed: true,
      errors: expect.stringContaining("leavesToPartners.0.area"),
    });
    expect(unreadable.errors).toContain(`Could not read ${notJson} as JSON`);
    expect(shown.errors).toContain(`${slug} has no solution map yet`);
  });
});
