import type { Command } from "commander";
import { Relationship } from "../../src/contract/accounts";
import { SharedField } from "../../src/contract/partnerships";
import { sharePartnership } from "../admin/organisations";
import { action, listOf, withDatabase } from "./context";

const populations = listOf("population", Relationship.options);
const fields = listOf("field", SharedField.options);

export function registerPartnershipCommands(program: Command): void {
  const partnership = program.command("partnership").description("Manage partnerships.");
  partnership
    .command("add")
    .description(
      "Partner two organisations, and set what <org> shares with <partner>: overlap counts only, unless --share or --fields is given. Run it again with the two swapped to set what the partner shares; run it on an existing partnership to change the rule.",
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
      "\nExample: partnership add northwind bluefin --share customer,opportunity --fields name,relationship",
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
          const what = overlaps
            ? `its overlapping ${(options.share ?? Relationship.options).join(", ")} accounts, with ${
                options.fields?.length ? `their ${options.fields.join(", ")}` : "no fields"
              }`
            : "overlap counts only";
          const done = result.created ? "Partnered" : "Updated";
          console.log(`${done} ${org} and ${partner}. ${org} shares with ${partner}: ${what}.`);
        },
      ),
    );
}
