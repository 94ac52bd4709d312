import type { Command } from "commander";
import { startNewSyncEpoch } from "../sync/epoch";
import { action, withDatabase } from "./context";

export function registerSyncCommands(program: Command): void {
  const sync = program.command("sync").description("The feed that keeps the extensions' caches fresh.");
  sync
    .command("reset")
    .description(
      "Have every extension sync in full once: run it after restoring a database backup, before starting the server.",
    )
    .action(
      action(async () => {
        const epoch = await withDatabase((db) => startNewSyncEpoch(db));
        console.log(
          `The sync feed starts over (epoch ${epoch}). Each extension syncs in full on its next sync, and shows what it has until that sync completes.`,
        );
      }),
    );
}
