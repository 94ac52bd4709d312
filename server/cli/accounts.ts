import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { type Command, Option } from "commander";
import { Relationship } from "../../src/contract/accounts";
import { countOf } from "../../src/scoring/phrases";
import { orgBySlug } from "../admin/organisations";
import { FIELDS } from "../import/columns";
import type { DateOrder } from "../import/dates";
import { parseColumnMap } from "../mapping/column-map";
import { type ImportSummary, importAccountsCsv, KEPT_ERRORS } from "../mapping/import";
import { parseRelationshipValues } from "../mapping/relationship-values";
import { action, CliError, cannotRead, withDatabase } from "./context";
import { describeMatching } from "./match";
import { accountsProgress, formatBytes, progressBar } from "./progress";

interface ImportCommandOptions {
  map?: string[];
  relationshipValue?: string[];
  format: "auto" | "salesforce" | "hubspot";
  defaultRelationship?: Relationship;
  dateOrder: DateOrder;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerAccountsCommands(program: Command): void {
  const accounts = program.command("accounts").description("Load accounts.");
  accounts
    .command("import")
    .description(
      "Import an organisation's accounts from a CRM export (CSV). Rows are upserted by CRM id, so importing the same file twice changes nothing; bad rows are skipped and listed with their line. Matching against the organisation's partners runs afterwards.",
    )
    .argument("<org>", "slug of the organisation the accounts belong to")
    .argument("<file>", "the CSV file: a Salesforce or HubSpot export, or any CSV with --map")
    .option(
      "--map <header=field>",
      `map a CSV column to a field; repeat for several (fields: ${FIELDS.join(", ")})`,
      collect,
    )
    .addOption(
      new Option("--format <format>", "the CRM the export comes from")
        .choices(["auto", "salesforce", "hubspot"])
        .default("auto"),
    )
    .option(
      "--relationship-value <value=relationship>",
      'what one of the export\'s own relationship values means, e.g. "Kunde=customer"; repeat for several (Salesforce account Types and HubSpot lifecycle stages are known)',
      collect,
    )
    .addOption(
      new Option(
        "--default-relationship <relationship>",
        "for a file without a relationship column, and rows whose relationship is empty or not recognised (default: prospect)",
      ).choices(Relationship.options),
    )
    .addOption(
      new Option(
        "--date-order <order>",
        "how to read a date such as 03/04/2024: month first (mdy) or day first (dmy), as the export's locale writes it",
      )
        .choices(["mdy", "dmy"])
        .default("mdy"),
    )
    .addHelpText(
      "after",
      '\nExample: accounts import northwind accounts.csv --map "Cust #=crmId" --map "Company=name"',
    )
    .action(
      action(async (slug: string, file: string, options: ImportCommandOptions) => {
        const map = parseColumnMap(options.map ?? []);
        const relationshipValues = parseRelationshipValues(options.relationshipValue ?? []);
        const info = await stat(file).catch((error: unknown) => {
          throw cannotRead(file, error);
        });
        if (!info.isFile()) throw new CliError(`Cannot read ${file}: it is not a file.`);
        const size = info.size;
        // Opened before the database, so that a file the admin may not read fails at once.
        const handle = await open(file, "r").catch((error: unknown) => {
          throw cannotRead(file, error);
        });
        const summary = await withDatabase(async (db) => {
          const org = await orgBySlug(db, slug);
          const reading = progressBar(
            "Reading   |{bar}| {percentage}% | {read} of {size} | ETA {eta_formatted}",
          );
          const applying = accountsProgress("Applying");
          const matching = accountsProgress();
          let read = 0;
          async function* counted() {
            reading.start(size, 0, { read: formatBytes(0), size: formatBytes(size) });
            const chunks = handle.createReadStream()[Symbol.asyncIterator]();
            while (true) {
              let next: IteratorResult<Buffer>;
              try {
                next = await chunks.next();
              } catch (error) {
                throw cannotRead(file, error);
              }
              if (next.done) break;
              read += next.value.length;
              reading.update(read, { read: formatBytes(read) });
              yield next.value;
            }
            reading.stop();
          }
          try {
            return await importAccountsCsv(db, org.id, counted(), {
              source: basename(file),
              format: options.format,
              map,
              defaultRelationship: options.defaultRelationship,
              relationshipValues,
              dateOrder: options.dateOrder,
              onApplyProgress: (done, total) => {
                applying.onProgress(done, total);
                if (done === total) applying.stop();
              },
              onMatchProgress: matching.onProgress,
            });
          } finally {
            reading.stop();
            applying.stop();
            matching.stop();
          }
        }).finally(() => handle.close().catch(() => {}));
        console.log(describeImport(slug, file, summary));
      }),
    );
}

function describeImport(slug: string, file: string, summary: ImportSummary): string {
  const lines = [
    `Imported ${basename(file)} into ${slug} (import ${summary.id}).`,
    `${countOf(summary.rowsOk, "good row")}: ${summary.inserted} new, ${summary.updated} changed, ${summary.unchanged} unchanged` +
      (summary.duplicates > 0
        ? `, ${summary.duplicates} replaced by a later row with the same CRM id.`
        : "."),
  ];
  if (summary.rowsFailed > 0) {
    lines.push(`${countOf(summary.rowsFailed, "bad row")}, skipped:`);
    for (const error of summary.errors) lines.push(`  line ${error.line}: ${error.reason}`);
    if (summary.rowsFailed > summary.errors.length) {
      lines.push(
        `  … and ${summary.rowsFailed - summary.errors.length} more (only the first ${KEPT_ERRORS} are listed).`,
      );
    }
  }
  const unrecognised = summary.unrecognisedRelationships;
  if (unrecognised) {
    const listed = unrecognised.values.map(({ value, rows }) => `${JSON.stringify(value)} (${rows})`);
    const unlisted = unrecognised.rows - unrecognised.values.reduce((sum, { rows }) => sum + rows, 0);
    if (unlisted > 0) listed.push(`${countOf(unlisted, "row")} with other values`);
    const one = unrecognised.rows === 1;
    lines.push(
      `${countOf(unrecognised.rows, "row")} ${one ? "has" : "have"} a relationship value this import doesn't recognise, so ${one ? "it was" : "they were"} imported as ${unrecognised.importedAs}: ${listed.join(", ")}.`,
      `  To read ${one ? "it" : "them"} otherwise, import again with --relationship-value, e.g. --relationship-value ${JSON.stringify(`${unrecognised.values[0]!.value}=customer`)}.`,
    );
  }
  lines.push(describeMatching(summary.matching, slug));
  return lines.join("\n");
}
