import type { Command } from "commander";
import { createOrg } from "../admin/organisations";
import { action, withDatabase } from "./context";

export function registerOrgCommands(program: Command): void {
  const org = program.command("org").description("Manage organisations.");
  org
    .command("add")
    .description("Create an organisation.")
    .argument("<slug>", "short unique id: 2-63 lower-case letters, digits and dashes")
    .requiredOption("--name <name>", "display name, as partners will see it")
    .action(
      action(async (slug: string, options: { name: string }) => {
        const created = await withDatabase((db) => createOrg(db, { slug, name: options.name }));
        console.log(`Created organisation ${created.slug} (${created.name}), id ${created.id}.`);
      }),
    );
}
