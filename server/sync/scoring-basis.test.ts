import { describe, expect, it } from "vitest";
import { upsertAccounts } from "../mapping/accounts";
import { runMatching } from "../mapping/match-run";
import { account, partnerAccount, partneredOrgs, Replica } from "../routes/sync/sync.fixtures";
import { useTestDatabase } from "../testing/database";
import { signInAs, testApp } from "../testing/fixtures";

const database = useTestDatabase();

describe("the scoring basis in the sync feed", () => {
  it("counts the customers shared with a partner as of the changes it comes with", async () => {
    const client = testApp(database);
    const { vendor, partner } = await partneredOrgs(database, { accounts: 2 });
    const rep = await signInAs(client, vendor.users.rep.email);
    const manager = await signInAs(client, vendor.users.manager.email);
    const sharedCustomers = (replica: Replica) =>
      replica.pages.findLast((page) => page.scoring !== null)?.scoring?.partners[0]?.trackRecord
        .sharedCustomers;

    const replica = new Replica();
    await replica.syncToEnd(client, rep);
    expect(sharedCustomers(replica)).toBe(2);

    // A third shared customer is matched. The manager syncs first, to the same position: what that
    // keeps must not hold the rep back either.
    await upsertAccounts(database.db, partner.org.id, [partnerAccount(partner, vendor, 3)]);
    await upsertAccounts(database.db, vendor.org.id, [account(vendor, 3)]);
    await runMatching(database.db, { orgId: vendor.org.id });
    await new Replica().syncToEnd(client, manager);
    await replica.syncToEnd(client, rep);

    // The extension keeps this basis until the next change: it must count the overlap it brings.
    expect(replica.overlaps.size).toBe(3);
    expect(sharedCustomers(replica)).toBe(3);
    const idle = await replica.syncToEnd(client, rep);
    expect(idle.every((page) => page.scoring === null)).toBe(true);
  });
});
