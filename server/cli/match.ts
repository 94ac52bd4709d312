import type { Command } from "commander";
import { orgBySlug } from "../admin/organisations";
import { type MatchRunResult, runMatching } from "../mapping/match-run";
import { action, withDatabase } from "./context";
import { matchingProgress } from "./progress";

export function describeMatching(result: MatchRunResult): string {
  const partnerships = result.partnerships === 1 ? "1 partnership" : `${result.partnerships} partnerships`;
  return `Matched ${result.accountsMatched} accounts across ${partnerships}: ${result.overlapsAdded} overlaps added or updated, ${result.overlapsRemoved} removed.`;
}

export function registerMatchCommand(program: Command): void {
  program
    .command("match")
    .description(
      "Match accounts across partnerships: new partnerships in full, then the accounts that changed since the last run.",
    )
    .option("--org <slug>", "only this organisation's partnerships")
    .action(
      action(async (options: { org?: string }) => {
        const result = await withDatabase(async (db) => {
          const orgId = options.org ? (await orgBySlug(db, options.org)).id : undefined;
          const progress = matchingProgress();
          try {
            return await runMatching(db, { orgId, onProgress: progress.onProgress });
          } finally {
            progress.stop();
          }
        });
        console.log(describeMatching(result));
      }),
    );
}
