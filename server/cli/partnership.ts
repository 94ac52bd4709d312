import type { Command } from "commander";
import { Relationship } from "../../src/contract/accounts";
import { SharedField, type SharingRule } from "../../src/contract/partnerships";
import { sharePartnership } from "../admin/organisations";
import { action, listOf, withDatabase } from "./context";

const populations = listOf("population", Relationship.options);
const fields = listOf("field", SharedField.options);

/** What a rule shares, as the CLI reports it after a change. */
function describeRule(rule: SharingRule): string {
  const populations = rule.populations.join(", ") || "no";
  if (rule.level === "counts") {
    return rule.populations.length === Relationship.options.length
      ? "overlap counts only"
      : `overlap counts only, of its ${populations} accounts`;
  }
  const fields = rule.fields.length > 0 ? `their ${rule.fields.join(", ")}` : "no fields";
  return `its overlapping ${populations} accounts, with ${fields}`;
}

/** What `partnership add` did, and on a new partnership what it still takes to see overlaps. */
export function describeSharing(
  org: string,
  partner: string,
  result: { created: boolean; rule: SharingRule },
): string {
  const shares = `${org} shares with ${partner}: ${describeRule(result.rule)}.`;
  if (!result.created) return `Updated ${org} and ${partner}. ${shares}`;
  // Matching runs after imports, not here: accounts both already hold overlap only once it runs.
  return `Partnered ${org} and ${partner}. ${shares}\nRun match --org ${org} to find the accounts they have in common (imports run it too).`;
}

export function registerPartnershipCommands(program: Command): void {
  const partnership = program.command("partnership").description("Manage partnerships.");
  partnership
    .command("add")
    .description(
      "Partner two organisations, and set what <org> shares with <partner>: overlap counts only, unless --share or --fields is given. Run it again with the two swapped to set what the partner shares. On an existing partnership it changes the rule: --share or --fields left out keeps its current value, and giving neither goes back to counts only. Sharing overlapping accounts for the first time needs --share.",
    )
    .argument("<org>", "slug of the organisation whose sharing this sets")
    .argument("<partner>", "slug of the partner organisation")
    .option(
      "--share <populations>",
      "share the overlapping accounts of these populations (comma-separated: customer, opportunity, prospect)",
      populations,
    )
    .option(
      "--fields <fields>",
      "with these fields of each account (comma-separated: name, relationship, owner_name, owner_email)",
      fields,
    )
    .addHelpText(
      "after",
      "\nExamples:\n  partnership add northwind bluefin --share customer,opportunity --fields name,relationship\n  partnership add northwind bluefin --fields name   # same populations, fewer fields",
    )
    .action(
      action(
        async (org: string, partner: string, options: { share?: Relationship[]; fields?: SharedField[] }) => {
          const overlaps = options.share !== undefined || options.fields !== undefined;
          const share = overlaps
            ? { level: "overlaps" as const, populations: options.share, fields: options.fields }
            : { level: "counts" as const };
          const result = await withDatabase((db) =>
            sharePartnership(db, { orgSlug: org, partnerSlug: partner, share }),
          );
          console.log(describeSharing(org, partner, result));
        },
      ),
    );
}
