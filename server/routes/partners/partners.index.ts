import type { AccountPartners } from "../../../src/contract/partners";
import { toBareGuid } from "../../../src/crm-ids/guid";
import { otherSalesforceIdForm } from "../../../src/crm-ids/salesforce";
import { type AccountContext, scorePartnersInAccount } from "../../../src/scoring";
import { createRouter } from "../../http/router";
import { type PartnerOverlapRow, toPartnerInAccount } from "../../sync/partner-overlaps";
import type { RouteServices } from "../index";
import { partnersInAccount } from "./partners.routes";

type AccountRow = {
  account_id: string;
  crm_id: string;
  account_name: string;
} & AccountContext;

export function partnersRoutes({ scoringBasis }: RouteServices) {
  return createRouter().openapi(partnersInAccount, async (c) => {
    const { crmId } = c.req.valid("query");
    const caller = c.get("caller");
    // One row per partner overlap, or a single row with no overlap when none is shared; none at all
    // when the caller has no such account. See migration 0013.
    const lookUp = (id: string) =>
      c.get("scopedCall")<AccountRow & Partial<PartnerOverlapRow>>("account_partners", id);
    let found = await lookUp(toBareGuid(crmId));
    // A Salesforce account may have been loaded with the id's other form; asked only on a miss.
    const otherForm = found.length === 0 ? otherSalesforceIdForm(crmId) : null;
    if (otherForm) found = await lookUp(otherForm);
    const [account] = found;
    if (!account) return c.json({ account: null, partners: [] } satisfies AccountPartners, 200);
    const overlaps = found.filter((row): row is AccountRow & PartnerOverlapRow => row.overlap_id != null);
    const partners = overlaps.map(toPartnerInAccount);
    // Kept between lookups (server/scoring/basis-cache.ts); reading it takes a transaction.
    const basis =
      partners.length === 0
        ? null
        : (scoringBasis.kept(caller.orgId, caller.feedSeq) ??
          (await c.get("scoped")((tx) => scoringBasis.read(tx, caller.orgId, caller.feedSeq))));
    const body: AccountPartners = {
      account: { id: account.account_id, crmId: account.crm_id, name: account.account_name },
      partners: basis ? scorePartnersInAccount(basis, account, partners) : [],
    };
    return c.json(body, 200);
  });
}
