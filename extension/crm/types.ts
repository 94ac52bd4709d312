/**
 * The contract every CRM adapter fulfils. An adapter has one job: say whether the page is an
 * account record (or an account list view) and read the record id, the name and the website.
 * URL checks are cheap and run on every CRM page; DOM reads run only once the URL says "account".
 */
export type CrmKind = "salesforce-lightning" | "salesforce-classic" | "hubspot" | "dynamics";

export interface AccountRecord {
  crm: CrmKind;
  /** The CRM's own record id, as the CRM writes it (Salesforce ids keep their case). */
  recordId: string;
  name: string | null;
  website: string | null;
  /** Fields the adapter could not read on this page, so the sidebar can say so instead of guessing. */
  missing: Array<"name" | "website">;
}

export interface AccountListRow {
  /** Null where the CRM does not put the record id in the row (Dynamics grids). */
  recordId: string | null;
  name: string;
  /** The element next to which an overlap badge is placed (the name cell or its link). */
  anchor: Element;
}

export interface CrmAdapter {
  crm: CrmKind;
  /** Whether this adapter handles pages on this host at all. */
  matchesHost(url: URL): boolean;
  /** The account record id if the URL is an account record page, otherwise null. */
  accountIdFromUrl(url: URL): string | null;
  /** Whether the URL is a list view of accounts (for overlap badges). */
  isAccountList(url: URL): boolean;
  /**
   * Reads the account shown on the page. Returns null while the record has not rendered yet
   * (callers retry as the DOM changes); returns a record with `missing` set when it has rendered
   * but a field cannot be read.
   */
  readAccount(doc: Document, url: URL): AccountRecord | null;
  /** The account rows currently rendered in a list view. */
  listRows(doc: Document): AccountListRow[];
}
