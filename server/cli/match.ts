import type { Command } from "commander";
import { countOf } from "../../src/scoring/phrases";
import { orgBySlug } from "../admin/organisations";
import { type MatchRunResult, runMatching } from "../mapping/match-run";
import { action, withDatabase } from "./context";
import { accountsProgress } from "./progress";

/** `orgSlug`: the organisation the run was limited to, if any. */
export function describeMatching(result: MatchRunResult, orgSlug?: string): string {
  const partnerships = countOf(result.partnerships, "partnership");
  const keys = result.keys
    ? `Checked the match keys of ${countOf(result.keys.accounts, "account")}: ${result.keys.changed} changed under the current rules.\n`
    : "";
  // Matching happens only between partners: "Matched 0 accounts" alone left admins wondering why.
  if (result.partnerships === 0) {
    return orgSlug
      ? `${keys}${orgSlug} has no partnerships, so there is nothing to match: add one with partnership add ${orgSlug} <partner>, then run match --org ${orgSlug}.`
      : `${keys}There are no partnerships, so there is nothing to match: add one with partnership add <org> <partner>, then run match.`;
  }
  return `${keys}Matched ${countOf(result.accountsMatched, "account")} across ${partnerships}: ${countOf(result.overlapsAdded, "overlap")} added or updated, ${result.overlapsRemoved} removed.`;
}

export function registerMatchCommand(program: Command): void {
  program
    .command("match")
    .description(
      "Match accounts across partnerships: new partnerships in full, then the accounts that changed since the last run.",
    )
    .option("--org <slug>", "only this organisation's partnerships")
    .option(
      "--full",
      "after an upgrade: re-derive every account's domains and name key with the current rules, then match every partnership in full, removing overlaps the rules no longer make",
    )
    .action(
      action(async (options: { org?: string; full?: boolean }) => {
        const result = await withDatabase(async (db) => {
          const orgId = options.org ? (await orgBySlug(db, options.org)).id : undefined;
          const keysProgress = accountsProgress("Checking");
          const progress = accountsProgress();
          try {
            return await runMatching(db, {
              orgId,
              full: options.full,
              onKeysProgress: (done, total) => {
                keysProgress.onProgress(done, total);
                if (done === total) keysProgress.stop();
              },
              onProgress: progress.onProgress,
            });
          } finally {
            keysProgress.stop();
            progress.stop();
          }
        });
        console.log(describeMatching(result, options.org));
      }),
    );
}
