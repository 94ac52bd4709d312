import { sql } from "drizzle-orm";
import type { AccountPartners } from "../../../src/contract/partners";
import type { AccountContext } from "../../../src/scoring";
import { rows } from "../../db/client";
import { createRouter } from "../../http/router";
import { scoreAndRank } from "../../scoring";
import { type PartnerOverlapRow, toPartnerInAccount } from "../../sync/partner-overlaps";
import type { RouteServices } from "../index";
import { partnersInAccount } from "./partners.routes";

type AccountRow = { account_id: string; crm_id: string; account_name: string } & AccountContext;

export function partnersRoutes({ sharedCustomers }: RouteServices) {
  return createRouter().openapi(partnersInAccount, async (c) => {
    const { crmId } = c.req.valid("query");
    const result = await c.get("scoped")(async (tx): Promise<AccountPartners> => {
      // One row per partner overlap, or a single row with no overlap when none is shared; none at
      // all when the caller has no such account. See migration 0010 for why it is a function.
      const found = await rows<AccountRow & Partial<PartnerOverlapRow>>(
        tx,
        sql`select * from account_partners(${crmId})`,
      );
      const [account] = found;
      if (!account) return { account: null, partners: [] };
      const overlaps = found.filter((row): row is AccountRow & PartnerOverlapRow => row.overlap_id != null);
      return {
        account: { id: account.account_id, crmId: account.crm_id, name: account.account_name },
        partners: await scoreAndRank(
          tx,
          c.get("caller").orgId,
          account,
          overlaps.map(toPartnerInAccount),
          sharedCustomers,
        ),
      };
    });
    return c.json(result, 200);
  });
}
