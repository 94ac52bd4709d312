/**
 * Every Dynamics 365 (Unified Interface) selector the adapter uses, newest markup first.
 * Source: Microsoft's EasyRepro locators, see /work/shared/design/CRM-PAGES.md.
 */

/** The form header title: the record name, followed by " - Saved" or " - Unsaved". */
export const HEADER_TITLE = ['[data-id="header_title"]'];
/** The save state inside the title, in the user's language ("- Gespeichert"), not part of the name. */
export const SAVE_STATUS = '[data-id="header_saveStatus"]';

/** The Website field: its URL input, else whatever the field container shows. */
export const WEBSITE = [
  'input[data-id="websiteurl.fieldControl-url-text-input"]',
  '[data-id="websiteurl-FieldSectionItemContainer"] input',
  '[data-id="websiteurl-FieldSectionItemContainer"] a[href]',
];

/** Grid rows: the Power Apps grid first, then the older read-only grid. */
export const GRID_ROWS = [
  '[data-id="entity_control-powerapps_onegrid_control_container"] [role="row"]',
  '[data-id="grid-container"] [role="row"]',
];
export const COLUMN_HEADER = '[role="columnheader"]';

/**
 * The account name in a row. Row GUIDs are not reliably in the DOM, so the name identifies the row:
 * the name column, else the row's record link, else (last resort) its first non-empty cell, which is
 * the primary name column in default account views.
 */
export const NAME_CELL = [
  '[role="gridcell"][col-id="name"] a',
  '[role="gridcell"][col-id="name"]',
  '[role="gridcell"] a[href*="etn=account"]',
];
export const GRID_CELL = '[role="gridcell"]';
