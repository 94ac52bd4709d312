/**
 * Every Salesforce Lightning selector the adapter uses, newest markup first.
 * Sources: Salesforce's UTAM page objects, CumulusCI locators, Salesforce Inspector Reloaded (SIR);
 * see /work/shared/design/CRM-PAGES.md. " >>> " crosses into open shadow roots (see ./dom).
 */

/**
 * The page container the user is looking at. Lightning keeps earlier pages in the DOM, hidden, after
 * navigating, so reading the first record page in the document reads a stale one.
 */
export const ACTIVE_PAGE = [
  // Console apps: the focused subtab of the focused workspace tab.
  ".oneWorkspace.active .windowViewMode-maximized.active",
  // Console apps [SIR]; inactive workspaces may keep their own subtab marked active, hence second.
  ".oneConsoleTab .windowViewMode-maximized.active",
  ".oneWorkspace.active",
  // Standard navigation [SIR].
  "div.windowViewMode-normal.active",
];

/** The record page root; when no container marker is found, the displayed one is the current page. */
export const RECORD_PAGE_ROOT = ["one-record-home-flexipage2"];

/**
 * Elements whose own attribute may carry the shown record's id. Unsourced: no public page object shows
 * Lightning writing the id on its page containers. When one does carry it, it tells a stale page (the
 * previous record) from the current one; when none does, nothing is checked.
 */
export const RECORD_ID_HOLDERS = [
  "one-record-home-flexipage2[data-recordid]",
  "one-record-home-flexipage2[data-record-id]",
  "records-lwc-highlights-panel[data-recordid]",
  "records-lwc-highlights-panel[data-record-id]",
];
export const RECORD_ID_ATTRIBUTES = ["data-recordid", "data-record-id"];

/** The record name in the highlights panel [UTAM]. */
export const RECORD_NAME = [
  'records-lwc-highlights-panel >>> lightning-formatted-text[slot="primaryField"]',
  // Account names sit in the hierarchy wrapper; also found where the highlights panel is not an LWC.
  'sfa-output-name-with-hierarchy-icon-wrapper >>> lightning-formatted-text[slot="primaryField"]',
  // older markup, seen 2026-11 (Aura highlights panel outside records-lwc-highlights-panel); drop when no
  // supported org renders force-highlights2.
  'force-highlights2 >>> lightning-formatted-text[slot="primaryField"]',
];

/**
 * The Website value. Field labels are localised, so the field API name comes first, the English label
 * second, and last the first URL field of the details section (Website on the standard Account layout).
 * Page layouts render fields as records-record-layout-item, Dynamic Forms as record_flexipage-record-field
 * inside a [data-target-selection-name] wrapper; both carry field-label, which is matched without the
 * tag name because the "_" tag is rejected by some selector engines (happy-dom, used by the tests).
 */
export const WEBSITE = [
  '[data-target-selection-name="sfdc:RecordField.Account.Website"] >>> lightning-formatted-url >>> a',
  '[field-label="Website"] >>> lightning-formatted-url >>> a',
  "records-record-layout-item >>> lightning-formatted-url >>> a",
  '[data-target-selection-name^="sfdc:RecordField.Account."] >>> lightning-formatted-url >>> a',
];

/** Record links in a list view, one per row [UTAM]. */
export const LIST_ROW_LINKS = [
  'lightning-datatable >>> th[scope="row"] >>> a[href*="/lightning/r/"]',
  // older markup, seen 2026-11 (Aura list views); drop when no supported org renders table.uiVirtualDataTable.
  'table.uiVirtualDataTable a[data-refid="recordId"][data-recordid]',
];

/** The row element that may carry the record id when the link does not. */
export const LIST_ROW_WITH_KEY = "tr[data-row-key-value]";
