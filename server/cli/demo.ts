import type { Command } from "commander";
import { AdminError } from "../admin/organisations";
import { DEMO_PASSWORD, DEMO_USERS, isDemoLoaded, loadDemoData } from "../demo/load";
import { action, CliError, withDatabase } from "./context";

export function registerDemoCommands(program: Command): void {
  const demo = program.command("demo").description("Demo data.");
  demo
    .command("load")
    .description(
      "Load the demo organisations (Northwind Analytics and its partners), users and accounts, and match them. Does nothing if they are already there.",
    )
    .action(
      action(async () => {
        const loaded = await withDatabase(async (db) => {
          if (await isDemoLoaded(db)) return false;
          await loadDemoData(db).catch((error: unknown) => {
            if (!(error instanceof AdminError)) throw error;
            throw new CliError(
              `${error.message} Nothing of the demo was loaded: load it into a database of its own (an empty DATA_DIR).`,
            );
          });
          return true;
        });
        console.log(loaded ? "Loaded the demo data." : "The demo data is already loaded.");
        console.log(
          `Sign in as ${Object.values(DEMO_USERS).join(", ")} with the password "${DEMO_PASSWORD}".`,
        );
      }),
    );
}
