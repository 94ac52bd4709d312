import { sql } from "drizzle-orm";
import type { AccountPartners } from "../../../src/contract/partners";
import type { AccountContext } from "../../../src/scoring";
import { rows } from "../../db/client";
import { createRouter } from "../../http/router";
import { SharedCustomerCounts, scoreAndRank } from "../../scoring";
import { type PartnerOverlapRow, toPartnerInAccount } from "../../sync/partner-overlaps";
import { partnersInAccount } from "./partners.routes";

export function partnersRoutes() {
  const sharedCustomers = new SharedCustomerCounts();
  return createRouter().openapi(partnersInAccount, async (c) => {
    const { crmId } = c.req.valid("query");
    const result = await c.get("scoped")(async (tx): Promise<AccountPartners> => {
      const [account] = await rows<{ id: string; crm_id: string; name: string } & AccountContext>(
        tx,
        sql`select id, crm_id, name, industry, segment, region from accounts where crm_id = ${crmId}`,
      );
      if (!account) return { account: null, partners: [] };
      const found = await rows<PartnerOverlapRow>(
        tx,
        sql`select * from partner_overlaps where account_id = ${account.id} order by confidence desc, partner_name, overlap_id`,
      );
      return {
        account: { id: account.id, crmId: account.crm_id, name: account.name },
        partners: await scoreAndRank(
          tx,
          c.get("caller").orgId,
          account,
          found.map(toPartnerInAccount),
          sharedCustomers,
        ),
      };
    });
    return c.json(result, 200);
  });
}
