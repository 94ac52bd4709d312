/**
 * What organisations tell each other about themselves: `profile set|show` and `solution-map set|show`.
 */
import { readFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import type * as z from "zod";
import { type OrgProfile, ProfileInput } from "../../src/contract/profiles";
import { PartnerTrack, SOLUTION_AREAS, SolutionArea, VendorSolutionMap } from "../../src/scoring";
import { orgBySlug } from "../admin/organisations";
import { readProfiles, writeProfile } from "../scoring/profiles";
import { readSolutionMap, writeSolutionMap } from "../scoring/solution-map";
import { action, CliError, cannotRead, listOf, withDatabase } from "./context";

type WithDatabase = typeof withDatabase;

const solutionAreas = listOf("solution area", SolutionArea.options);
const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The flag that sets each profile field, so a validation failure names what the admin typed. */
const FLAG_OF: Readonly<Record<string, string>> = {
  solutionAreas: "--areas",
  offerings: "--offering",
  track: "--track",
  coSellOptIn: "--opt-in",
};

function problems(error: z.ZodError, nameOf: (path: string) => string): string {
  return error.issues.map((issue) => `\n  ${nameOf(issue.path.join("."))}: ${issue.message}`).join("");
}

function describeProfile(slug: string, profile: OrgProfile): string {
  const areas = profile.solutionAreas.map((area) => SOLUTION_AREAS[area].label);
  const offerings = profile.offerings.map((offering) => `  - ${offering}`);
  return [
    `${profile.name} (${slug})`,
    `Solution areas: ${areas.join(", ") || "none yet"}`,
    ...(offerings.length > 0 ? ["Offerings:", ...offerings] : ["Offerings: none yet"]),
    `Track: ${profile.track}`,
    `Co-selling: ${profile.coSellOptIn ? "opted in" : "not opted in"}`,
    `Updated: ${profile.updatedAt ?? "never (partners see this default)"}`,
  ].join("\n");
}

interface ProfileOptions {
  areas?: SolutionArea[];
  track?: PartnerTrack;
  optIn?: boolean;
  offering?: string[];
}

function registerProfile(program: Command, withDb: WithDatabase) {
  const profile = program
    .command("profile")
    .description("What an organisation offers its partners, and whether it co-sells.");

  profile
    .command("set")
    .description("Describe an organisation to its partners. Options left out keep their current value.")
    .argument("<org>", "slug of the organisation")
    .option(
      "--areas <areas>",
      `solution areas (comma-separated: ${SolutionArea.options.join(", ")})`,
      solutionAreas,
    )
    .addOption(new Option("--track <track>", "partner programme track").choices(PartnerTrack.options))
    .option("--opt-in", "its reps take part in co-selling")
    .option("--no-opt-in", "its reps don't take part in co-selling")
    .option("--offering <text>", "a one-liner partners see; repeat for several (replaces the list)", collect)
    .addHelpText(
      "after",
      '\nExample: profile set bluefin --areas implementation_services,training --track complementary --opt-in --offering "Salesforce rollouts for retailers"',
    )
    .action(
      action(async (slug: string, options: ProfileOptions) => {
        const saved = await withDb(async (db) => {
          const org = await orgBySlug(db, slug);
          const current = (await readProfiles(db, [org])).get(org.id)!;
          const parsed = ProfileInput.safeParse({
            solutionAreas: options.areas ?? current.solutionAreas,
            offerings: options.offering ?? current.offerings,
            track: options.track ?? current.track,
            coSellOptIn: options.optIn ?? current.coSellOptIn,
          });
          if (!parsed.success) {
            throw new CliError(
              `The profile is not valid:${problems(parsed.error, (path) => FLAG_OF[path.split(".")[0]!] ?? path)}`,
            );
          }
          return writeProfile(db, org, parsed.data, null);
        });
        console.log(describeProfile(slug, saved));
      }),
    );

  profile
    .command("show")
    .description("Show an organisation's profile as its partners see it.")
    .argument("<org>", "slug of the organisation")
    .option("--json", "print it as JSON")
    .action(
      action(async (slug: string, options: { json?: boolean }) => {
        const found = await withDb(async (db) => {
          const org = await orgBySlug(db, slug);
          return (await readProfiles(db, [org])).get(org.id)!;
        });
        console.log(options.json ? JSON.stringify(found, null, 2) : describeProfile(slug, found));
      }),
    );
}

/**
 * The file's text, by its byte order mark: Notepad and PowerShell 7 save UTF-8 with one, which
 * JSON.parse refuses, and Windows PowerShell 5.1 writes UTF-16 with one (`solution-map show > map.json`).
 */
function decodeMapFile(bytes: Buffer): string {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? "utf-16le"
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? "utf-16be"
        : "utf-8";
  return new TextDecoder(encoding).decode(bytes);
}

async function readMapFile(file: string): Promise<VendorSolutionMap> {
  const bytes = await readFile(file).catch((error: unknown) => {
    throw cannotRead(file, error);
  });
  let json: unknown;
  try {
    json = JSON.parse(decodeMapFile(bytes));
  } catch (error) {
    throw new CliError(`Could not read ${file} as JSON: ${(error as Error).message}`);
  }
  const parsed = VendorSolutionMap.safeParse(json);
  if (!parsed.success) {
    throw new CliError(
      `${file} is not a valid solution map:${problems(parsed.error, (path) => path || "(file)")}`,
    );
  }
  return parsed.data;
}

function registerSolutionMap(program: Command, withDb: WithDatabase) {
  const solutionMap = program
    .command("solution-map")
    .description("What a vendor's own product covers, and which needs it leaves to partners.");

  solutionMap
    .command("set")
    .description(
      "Replace an organisation's solution map with the one in a JSON file (the shape `show` prints).",
    )
    .argument("<org>", "slug of the organisation")
    .requiredOption("--file <path>", "the solution map as JSON")
    .addHelpText(
      "after",
      '\nThe file: { "covers": ["analytics"], "leavesToPartners": [{ "area": "managed_services", "segments": ["enterprise"], "reason": "enterprises want someone to run it" }], "target": { "segments": ["mid_market", "enterprise"], "industries": [], "regions": ["EMEA"] } }',
    )
    .action(
      action(async (slug: string, options: { file: string }) => {
        const map = await readMapFile(options.file);
        await withDb(async (db) => writeSolutionMap(db, (await orgBySlug(db, slug)).id, map, null));
        const needs = map.leavesToPartners.map((need) => need.area);
        console.log(
          `Saved the solution map of ${slug}. Covers: ${map.covers.join(", ") || "nothing"}. Leaves to partners: ${needs.join(", ") || "nothing"}.`,
        );
      }),
    );

  solutionMap
    .command("show")
    .description("Print an organisation's solution map as JSON.")
    .argument("<org>", "slug of the organisation")
    .action(
      action(async (slug: string) => {
        const map = await withDb(async (db) => readSolutionMap(db, (await orgBySlug(db, slug)).id));
        if (!map) {
          throw new CliError(
            `${slug} has no solution map yet: set one with \`solution-map set ${slug} --file map.json\`.`,
          );
        }
        console.log(JSON.stringify(map, null, 2));
      }),
    );
}

/** Adds `profile` and `solution-map` to the admin CLI. Tests pass a `withDb` on their own database. */
export function registerProfileCommands(program: Command, withDb: WithDatabase = withDatabase): void {
  registerProfile(program, withDb);
  registerSolutionMap(program, withDb);
}
