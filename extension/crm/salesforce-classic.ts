/**
 * Salesforce Classic. Pages:
 * - records: https://<mydomain>.my.salesforce.com/<id> or the older https://naNN.salesforce.com/<id>,
 *   where <id> is a 15- or 18-character Account id (key prefix 001);
 * - lists: /001/o (the Accounts tab) and /001?fcf=<viewId> (list views).
 * Classic loads a whole page per record, so there is no stale page to tell apart.
 */
import { hrefOf, linkValue, queryAllDeep, queryDeep, textOf } from "./dom";
import { accountRecord } from "./record";
import {
  ACCOUNT_NAME,
  DETAIL_BLOCK,
  HIERARCHY_LINK,
  LIST_ROW_LINKS,
  WEBSITE,
} from "./salesforce-classic.selectors";
import type { AccountListRow, CrmAdapter } from "./types";

const ACCOUNT_ID = /^001[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;
/** Pods of the pre-My Domain era: na42, eu11, ap5, cs17 (sandboxes), … */
const INSTANCE_HOST = /^(?:na|eu|ap|cs|um|gs)\d+\.salesforce\.com$/;
const LIST_PATH = /^\/001(?:\/o)?\/?$/;
/** " [View Hierarchy]" as text, or the "[]" left once the link inside the brackets is removed. */
const VIEW_HIERARCHY_SUFFIX = /\s*\[(?:View Hierarchy)?\]$/;

function accountIdFromUrl(url: URL): string | null {
  const id = url.pathname.slice(1);
  return ACCOUNT_ID.test(id) ? id : null;
}

function accountName(doc: Document): string | null {
  const field = queryDeep(doc, ACCOUNT_NAME);
  if (!field) return null;
  const withoutLinks = field.cloneNode(true) as Element;
  for (const link of withoutLinks.querySelectorAll(HIERARCHY_LINK)) link.remove();
  return textOf(withoutLinks)?.replace(VIEW_HIERARCHY_SUFFIX, "") || null;
}

function listRows(doc: Document): AccountListRow[] {
  const rows: AccountListRow[] = [];
  for (const link of queryAllDeep(doc, LIST_ROW_LINKS)) {
    // Basic-list selectors also match related lists (contacts, opportunities): keep account links only.
    const href = hrefOf(link);
    const recordId = href && accountIdFromUrl(href);
    const name = textOf(link);
    if (recordId && name) rows.push({ recordId, name, anchor: link });
  }
  return rows;
}

export const salesforceClassic: CrmAdapter = {
  crm: "salesforce-classic",
  matchesHost: (url) => url.hostname.endsWith(".my.salesforce.com") || INSTANCE_HOST.test(url.hostname),
  accountIdFromUrl,
  isAccountList: (url) => LIST_PATH.test(url.pathname),
  readAccount(doc, url) {
    const recordId = accountIdFromUrl(url);
    if (!recordId || !queryDeep(doc, DETAIL_BLOCK)) return null;
    return accountRecord(
      "salesforce-classic",
      recordId,
      accountName(doc),
      linkValue(queryDeep(doc, WEBSITE)),
    );
  },
  listRows,
};
