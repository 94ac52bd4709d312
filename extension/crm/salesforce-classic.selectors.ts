/**
 * Every Salesforce Classic selector the adapter uses, newest markup first.
 * Source: /work/shared/design/CRM-PAGES.md (Classic detail and list pages).
 */

/**
 * The record detail block of a Classic application page (body.sfdcBody, unlike login or error pages).
 * Classic renders on the server, so once the block is there every field is.
 */
export const DETAIL_BLOCK = ["body.sfdcBody .bDetailBlock", "#acc2_ileinner"];

/** Account Name; its text ends with a " [View Hierarchy]" link, which is not part of the name. */
export const ACCOUNT_NAME = ["#acc2_ileinner", "h2.pageDescription"];
export const HIERARCHY_LINK = 'a[href*="hierarchy"]';

export const WEBSITE = ["#acc12_ileinner"];

/** Record links in list views: enhanced (ExtJS grid) lists, then basic lists and related lists. */
export const LIST_ROW_LINKS = [".x-grid3-col-ACCOUNT_NAME a", "table.list tr.dataRow th a"];
