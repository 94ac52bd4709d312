/**
 * Salesforce Lightning Experience. Pages:
 * - records: /lightning/r/Account/<id>/view, /lightning/r/<id>/view, /lightning/app/<appId>/r/…,
 *   /one/one.app#/sObject/<id>/view, whose hash may carry parameters (?slideDevName=…); console
 *   subtabs add ?ws=…, which does not change the record shown;
 * - list views: /lightning/o/Account/list?filterName=…, /lightning/o/Account/home.
 * A related list (/lightning/r/Account/<id>/related/<List>/view) is not the record page: it shows the
 * account's children, not its fields, so it is not treated as an account page.
 */
import { linkValue, pickCurrent, queryAllDeep, queryDeep, textOf } from "./dom";
import { accountRecord } from "./record";
import {
  ACTIVE_PAGE,
  LIST_ROW_LINKS,
  LIST_ROW_WITH_KEY,
  RECORD_ID_ATTRIBUTES,
  RECORD_ID_HOLDERS,
  RECORD_NAME,
  RECORD_PAGE_ROOT,
  WEBSITE,
} from "./salesforce-lightning.selectors";
import type { AccountListRow, CrmAdapter } from "./types";

/** 15- or 18-character id with the Account key prefix. */
const ACCOUNT_ID = /^001[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;
const RECORD_PATH = /^\/lightning(?:\/app\/[^/]+)?\/r\/(?:(\w+)\/)?(\w{15}|\w{18})\/view\/?$/;
const ONE_APP_HASH = /^#\/sObject\/(\w{15}|\w{18})(?:\/view)?\/?(?:\?.*)?$/;
const LIST_PATH = /^\/lightning(?:\/app\/[^/]+)?\/o\/Account\/(?:list|home)\/?$/;
const ID_IN_RECORD_HREF = /\/lightning\/r\/(?:\w+\/)?(\w{15}|\w{18})\/view/;

function accountIdFromUrl(url: URL): string | null {
  const record = RECORD_PATH.exec(url.pathname);
  if (record) {
    const [, objectName, id] = record;
    return objectName === undefined || objectName === "Account" ? asAccountId(id) : null;
  }
  if (url.pathname === "/one/one.app") return asAccountId(ONE_APP_HASH.exec(url.hash)?.[1]);
  return null;
}

function asAccountId(id: string | null | undefined): string | null {
  return id && ACCOUNT_ID.test(id) ? id : null;
}

/** Salesforce ids compare on their 15-character case-sensitive part; 18-character ids only add a checksum. */
function sameRecord(a: string, b: string): boolean {
  return a.slice(0, 15) === b.slice(0, 15);
}

function activePage(doc: Document): Element | null {
  for (const selector of ACTIVE_PAGE) {
    const candidates = [...doc.querySelectorAll(selector)];
    if (candidates.length > 0) return pickCurrent(candidates);
  }
  return pickCurrent(queryAllDeep(doc, RECORD_PAGE_ROOT));
}

function showsAnotherRecord(page: Element, recordId: string): boolean {
  for (const holder of queryAllDeep(page, RECORD_ID_HOLDERS)) {
    for (const attribute of RECORD_ID_ATTRIBUTES) {
      const shown = holder.getAttribute(attribute);
      if (shown) return !sameRecord(shown, recordId);
    }
  }
  return false;
}

function listRows(doc: Document): AccountListRow[] {
  const rows: AccountListRow[] = [];
  for (const link of queryAllDeep(activePage(doc) ?? doc, LIST_ROW_LINKS)) {
    const recordId = asAccountId(
      link.getAttribute("data-recordid") ??
        ID_IN_RECORD_HREF.exec(link.getAttribute("href") ?? "")?.[1] ??
        link.closest(LIST_ROW_WITH_KEY)?.getAttribute("data-row-key-value"),
    );
    const name = textOf(link) ?? link.getAttribute("title");
    if (recordId && name) rows.push({ recordId, name, anchor: link });
  }
  return rows;
}

export const salesforceLightning: CrmAdapter = {
  crm: "salesforce-lightning",
  // Covers production, sandbox (*.sandbox.lightning.force.com) and Developer Edition (*.develop.…) orgs.
  matchesHost: (url) => url.hostname.endsWith(".lightning.force.com"),
  accountIdFromUrl,
  isAccountList: (url) => LIST_PATH.test(url.pathname),
  readAccount(doc, url) {
    const recordId = accountIdFromUrl(url);
    const page = recordId ? activePage(doc) : null;
    if (!recordId || !page || showsAnotherRecord(page, recordId)) return null;
    const name = textOf(queryDeep(page, RECORD_NAME));
    // The name is the first thing Lightning renders; without it the record is still loading.
    if (!name) return null;
    return accountRecord("salesforce-lightning", recordId, name, linkValue(queryDeep(page, WEBSITE)));
  },
  listRows,
};
