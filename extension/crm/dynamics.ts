/**
 * Microsoft Dynamics 365 Unified Interface (<org>.crm.dynamics.com, regional <org>.crm<N>.dynamics.com).
 * Pages are main.aspx with query parameters in any order:
 * - records: pagetype=entityrecord&etn=account&id=<guid> (the GUID may be braced or upper case);
 * - grids: pagetype=entitylist&etn=account.
 */

import { hrefOf, linkValue, queryAllDeep, queryDeep, textOf } from "./dom";
import {
  COLUMN_HEADER,
  GRID_CELL,
  GRID_ROWS,
  HEADER_TITLE,
  NAME_CELL,
  SAVE_STATUS,
  WEBSITE,
} from "./dynamics.selectors";
import { accountRecord } from "./record";
import type { AccountListRow, CrmAdapter } from "./types";

const DYNAMICS_HOST = /^[a-z0-9-]+\.crm\d*\.dynamics\.com$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The save state written into the title's text itself, where it has no element of its own. */
const SAVE_STATE_SUFFIX = /\s+-\s+(?:Saved|Unsaved)$/;

function isAccountPage(url: URL, pageType: "entityrecord" | "entitylist"): boolean {
  const params = url.searchParams;
  return (
    /\/main\.aspx$/i.test(url.pathname) &&
    params.get("pagetype")?.toLowerCase() === pageType &&
    params.get("etn")?.toLowerCase() === "account"
  );
}

/** The bare lower-case GUID, as Dynamics accepts it in every form. */
function bareGuid(raw: string | null): string | null {
  const guid = raw?.replace(/^\{|\}$/g, "").toLowerCase() ?? "";
  return GUID.test(guid) ? guid : null;
}

function accountIdFromUrl(url: URL): string | null {
  return isAccountPage(url, "entityrecord") ? bareGuid(url.searchParams.get("id")) : null;
}

/** The record name: the header title without its save state, which only English orgs write as "Saved". */
function recordName(doc: Document): string | null {
  const title = queryDeep(doc, HEADER_TITLE)?.cloneNode(true) as Element | undefined;
  if (!title) return null;
  for (const state of title.querySelectorAll(SAVE_STATUS)) state.remove();
  return textOf(title)?.replace(SAVE_STATE_SUFFIX, "") || null;
}

function listRows(doc: Document): AccountListRow[] {
  const rows: AccountListRow[] = [];
  for (const row of queryAllDeep(doc, GRID_ROWS)) {
    if (row.querySelector(COLUMN_HEADER)) continue;
    const nameElement =
      queryDeep(row, NAME_CELL) ?? [...row.querySelectorAll(GRID_CELL)].find((cell) => textOf(cell) !== null);
    const name = textOf(nameElement ?? null);
    if (!nameElement || !name) continue;
    const link = nameElement.closest("a[href]") ?? nameElement.querySelector("a[href]");
    const href = link && hrefOf(link);
    // A grid of another table (contacts, say) links its names to that table's records.
    if (href?.searchParams.has("etn") && href.searchParams.get("etn")?.toLowerCase() !== "account") continue;
    rows.push({ recordId: href ? accountIdFromUrl(href) : null, name, anchor: nameElement });
  }
  return rows;
}

export const dynamics: CrmAdapter = {
  crm: "dynamics",
  matchesHost: (url) => DYNAMICS_HOST.test(url.hostname),
  accountIdFromUrl,
  isAccountList: (url) => isAccountPage(url, "entitylist"),
  readAccount(doc, url) {
    const recordId = accountIdFromUrl(url);
    const name = recordId ? recordName(doc) : null;
    if (!recordId || !name) return null;
    return accountRecord("dynamics", recordId, name, linkValue(queryDeep(doc, WEBSITE)));
  },
  listRows,
};
