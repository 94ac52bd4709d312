/**
 * Every HubSpot selector the adapter uses, newest markup first. HubSpot's class names are generated and
 * change on every release, so only its test attributes are used.
 * Source: /work/shared/design/CRM-PAGES.md (HubSpot record and index pages).
 */

/** The highlight card at the top of the record sidebar. */
export const HIGHLIGHT_CARD = [
  '[data-selenium-test="company-highlight-details"]',
  '[data-card-type="OBJECT_HIGHLIGHT"]',
];

/** The company name; the sidebar renders late, and the record counts as loaded once this is there. */
export const RECORD_NAME = [
  '[data-selenium-test="company-highlight-details"] [data-selenium-test="highlightTitle"]',
  '[data-card-type="OBJECT_HIGHLIGHT"] [data-selenium-test="highlightTitle"]',
  '[data-selenium-test="highlightTitle"]',
];

/** The domain input, present while the property is being edited. */
export const DOMAIN_INPUT = ['[data-selenium-test="property-input-domain"]'];

/**
 * Property labels. No stable read-mode selector for the domain value is known, so the label is found by
 * its English text and its value is the element that follows it.
 */
export const PROPERTY_LABEL = ['[data-selenium-test*="property-label"]'];
export const DOMAIN_LABEL_TEXTS = ["company domain name", "domain"];

/** Links out of the highlight card; the company's own site is the one that is not HubSpot or a social network. */
export const EXTERNAL_LINK = 'a[href^="http"]';

/** Name cells of the companies index; rows load lazily as the user scrolls. */
export const LIST_NAME_CELL = ['td[data-table-external-id*="name-"]'];
export const LIST_NAME_LABEL = ['[data-test-id="truncated-object-label"]'];
