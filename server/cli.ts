/**
 * The admin CLI: `npm run cli -- <command>`, with --help on every command. It works on the database
 * the server uses (DATA_DIR, or DATABASE_URL for PostgreSQL).
 *
 * Each command group registers itself from its own file in server/cli/; add new groups to
 * COMMANDS below.
 */
import { Command } from "commander";
import { registerAccountsCommands } from "./cli/accounts";
import { registerDemoCommands } from "./cli/demo";
import { registerMatchCommand } from "./cli/match";
import { registerOrgCommands } from "./cli/org";
import { registerPartnershipCommands } from "./cli/partnership";
import { registerProfileCommands } from "./cli/profiles";
import { registerSyncCommands } from "./cli/sync";
import { registerUserCommands } from "./cli/user";

const COMMANDS: ((program: Command) => void)[] = [
  registerOrgCommands,
  registerUserCommands,
  registerPartnershipCommands,
  registerProfileCommands,
  registerAccountsCommands,
  registerMatchCommand,
  registerDemoCommands,
  registerSyncCommands,
];

const program = new Command("cosell-lens")
  .description(
    "Administer cosell-lens: organisations, users, partnerships, account imports and matching. Uses DATA_DIR (embedded database, default ./.data) or DATABASE_URL (PostgreSQL), like the server.",
  )
  .showHelpAfterError("(add --help for usage)");
for (const register of COMMANDS) register(program);

await program.parseAsync(process.argv);
