import { type Command, Option } from "commander";
import { Role } from "../../src/contract/auth";
import { createUser } from "../admin/organisations";
import { action, withDatabase } from "./context";
import { readPassword } from "./password";

export function registerUserCommands(program: Command): void {
  const user = program.command("user").description("Manage users.");
  user
    .command("add")
    .description(
      "Create a user. The password is read from stdin: piped (echo … |) or typed at a prompt, without echo.",
    )
    .argument("<email>", "the user's email, used to sign in")
    .requiredOption("--org <slug>", "the user's organisation")
    .addOption(
      new Option("--role <role>", "what the user may do").choices(Role.options).makeOptionMandatory(),
    )
    .option("--name <name>", "display name (default: the part of the email before the @)")
    .action(
      action(async (email: string, options: { org: string; role: Role; name?: string }) => {
        const password = await readPassword();
        const created = await withDatabase((db) =>
          createUser(db, { email, orgSlug: options.org, role: options.role, name: options.name, password }),
        );
        console.log(`Created ${created.role} ${created.email} in ${options.org}.`);
      }),
    );
}
