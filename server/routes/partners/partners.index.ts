import { sql } from "drizzle-orm";
import type { AccountPartners } from "../../../src/contract/partners";
import { type AccountContext, scorePartnersInAccount } from "../../../src/scoring";
import { rows } from "../../db/client";
import { createRouter } from "../../http/router";
import { type PartnerOverlapRow, toPartnerInAccount } from "../../sync/partner-overlaps";
import type { RouteServices } from "../index";
import { partnersInAccount } from "./partners.routes";

type AccountRow = {
  account_id: string;
  crm_id: string;
  account_name: string;
  feed_seq: string;
} & AccountContext;

export function partnersRoutes({ scoringBasis }: RouteServices) {
  return createRouter().openapi(partnersInAccount, async (c) => {
    const { crmId } = c.req.valid("query");
    const result = await c.get("scoped")(async (tx): Promise<AccountPartners> => {
      // One row per partner overlap, or a single row with no overlap when none is shared; none at
      // all when the caller has no such account. See migrations 0010 and 0011.
      const found = await rows<AccountRow & Partial<PartnerOverlapRow>>(
        tx,
        sql`select * from account_partners(${crmId})`,
      );
      const [account] = found;
      if (!account) return { account: null, partners: [] };
      const overlaps = found.filter((row): row is AccountRow & PartnerOverlapRow => row.overlap_id != null);
      const partners = overlaps.map(toPartnerInAccount);
      const basis =
        partners.length === 0
          ? null
          : await scoringBasis.read(tx, c.get("caller").orgId, Number(account.feed_seq));
      return {
        account: { id: account.account_id, crmId: account.crm_id, name: account.account_name },
        partners: basis ? scorePartnersInAccount(basis, account, partners) : [],
      };
    });
    return c.json(result, 200);
  });
}
