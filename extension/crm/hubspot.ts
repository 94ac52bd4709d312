/**
 * HubSpot (app.hubspot.com and regional hosts such as app-eu1.hubspot.com). Pages:
 * - company records: /contacts/<portalId>/record/0-2/<companyId> and the legacy
 *   /contacts/<portalId>/company/<companyId> (0-1 contacts and 0-3 deals are not accounts);
 * - the companies index: /contacts/<portalId>/objects/0-2/views/<view>/list.
 */
import { hrefOf, linkValue, queryAllDeep, queryDeep, textOf } from "./dom";
import {
  DOMAIN_INPUT,
  DOMAIN_LABEL_TEXTS,
  EXTERNAL_LINK,
  HIGHLIGHT_CARD,
  LIST_NAME_CELL,
  LIST_NAME_LABEL,
  PROPERTY_LABEL,
  RECORD_NAME,
} from "./hubspot.selectors";
import { accountRecord } from "./record";
import type { AccountListRow, CrmAdapter } from "./types";

const HUBSPOT_HOST = /^app(?:-[a-z0-9]+)?\.hubspot\.com$/;
const COMPANY_PATH = /^\/contacts\/\d+\/(?:record\/0-2|company)\/(\d+)(?:\/|$)/;
const LIST_PATH = /^\/contacts\/\d+\/objects\/0-2\/views\/[^/]+\/list\/?$/;
const ID_IN_EXTERNAL_ID = /name-(\d+)/;
const NOT_THE_COMPANY_SITE = /(?:^|\.)(?:hubspot\.com|linkedin\.com|twitter\.com|x\.com|facebook\.com)$/;

function accountIdFromUrl(url: URL): string | null {
  return COMPANY_PATH.exec(url.pathname)?.[1] ?? null;
}

function domainFromProperty(doc: Document): string | null {
  const label = queryAllDeep(doc, PROPERTY_LABEL).find((candidate) =>
    DOMAIN_LABEL_TEXTS.includes(textOf(candidate)?.toLowerCase() ?? ""),
  );
  const value = label?.nextElementSibling ?? null;
  return textOf(value?.querySelector("input") ?? value);
}

function domainFromHighlightLink(doc: Document): string | null {
  const card = queryDeep(doc, HIGHLIGHT_CARD);
  const link = [...(card?.querySelectorAll(EXTERNAL_LINK) ?? [])].find((candidate) => {
    const host = hrefOf(candidate)?.hostname;
    return host !== undefined && !NOT_THE_COMPANY_SITE.test(host);
  });
  return linkValue(link ?? null);
}

function listRows(doc: Document): AccountListRow[] {
  const rows: AccountListRow[] = [];
  for (const cell of queryAllDeep(doc, LIST_NAME_CELL)) {
    const label = queryDeep(cell, LIST_NAME_LABEL);
    const name = textOf(label);
    if (!label || !name) continue;
    const link = cell.querySelector("a[href]");
    const href = link && hrefOf(link);
    const recordId =
      ID_IN_EXTERNAL_ID.exec(cell.getAttribute("data-table-external-id") ?? "")?.[1] ??
      (href ? accountIdFromUrl(href) : null);
    rows.push({ recordId, name, anchor: label });
  }
  return rows;
}

export const hubspot: CrmAdapter = {
  crm: "hubspot",
  matchesHost: (url) => HUBSPOT_HOST.test(url.hostname),
  accountIdFromUrl,
  isAccountList: (url) => LIST_PATH.test(url.pathname),
  readAccount(doc, url) {
    const recordId = accountIdFromUrl(url);
    const name = recordId ? textOf(queryDeep(doc, RECORD_NAME)) : null;
    if (!recordId || !name) return null;
    const website =
      textOf(queryDeep(doc, DOMAIN_INPUT)) ?? domainFromProperty(doc) ?? domainFromHighlightLink(doc);
    return accountRecord("hubspot", recordId, name, website);
  },
  listRows,
};
