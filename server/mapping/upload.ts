/** Loading a batch of accounts sent through the API: one transaction, then incremental matching. */
import type { AccountInput } from "../../src/contract/accounts";
import type { Db } from "../db/client";
import { auditLog } from "../db/schema";
import { type UpsertResult, upsertAccounts } from "./accounts";
import { waitForOrgImports } from "./import";
import { type MatchRunResult, runMatching } from "./match-run";

export async function uploadAccounts(
  db: Db,
  orgId: string,
  accounts: readonly AccountInput[],
  options: { actorUserId: string | null },
): Promise<UpsertResult & { matching: MatchRunResult }> {
  const result = await db.transaction(async (tx) => {
    await waitForOrgImports(tx, orgId);
    const upserted = await upsertAccounts(tx, orgId, accounts);
    await tx.insert(auditLog).values({
      orgId,
      actorUserId: options.actorUserId,
      action: "accounts.upload",
      details: { accounts: accounts.length, ...upserted },
    });
    return upserted;
  });
  return { ...result, matching: await runMatching(db, { orgId }) };
}
