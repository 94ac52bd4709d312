import type { Relationship, Segment } from "../../src/contract/accounts";

/** Lower-case letters and digits only, so "Customer - Direct" and "customerdirect" read the same. */
const compact = (value: string) =>
  value
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

const CUSTOMER_STAGES = new Set(["client", "activecustomer", "evangelist"]);
const OPPORTUNITY_STAGES = new Set(["opportunity", "salesqualifiedlead", "sql"]);

/**
 * Maps a Salesforce account Type or a HubSpot lifecycle stage (internal value or display label) to a
 * relationship. Customer-like values (Customer - Direct, Customer - Channel, evangelist) are customers;
 * opportunity and sales-qualified lead are opportunities; everything else (prospects, leads, partners,
 * "Other", former customers) is a prospect.
 */
export function toRelationship(label: string): Relationship {
  const key = compact(label);
  if (key.startsWith("customer") || CUSTOMER_STAGES.has(key)) return "customer";
  if (key.startsWith("opportunity") || OPPORTUNITY_STAGES.has(key)) return "opportunity";
  return "prospect";
}

const SEGMENT_LABELS: Record<string, Segment> = {
  smb: "smb",
  small: "smb",
  smallbusiness: "smb",
  midmarket: "mid_market",
  mid: "mid_market",
  mm: "mid_market",
  enterprise: "enterprise",
  ent: "enterprise",
  large: "enterprise",
};

/** An explicit segment label, or null when the label is not one we know. */
export function segmentFromLabel(label: string): Segment | null {
  return SEGMENT_LABELS[compact(label)] ?? null;
}

/** Segment bands by employee count: under 200 is smb, 200 to 1,999 mid_market, 2,000 and up enterprise. */
export function segmentFromEmployees(employees: number): Segment {
  if (employees < 200) return "smb";
  if (employees < 2000) return "mid_market";
  return "enterprise";
}

// "1,200", "1 200", "1.200", "5000+", "1200.00", or a band such as "201-500" (its lower bound is used).
const EMPLOYEE_COUNT = /^(\d+)(?:\.0+)?(?:\+|-\d+)?$/;
// Dots between groups of three digits separate thousands, as most of Europe writes them: a head count
// has no fraction, so "5.000" is five thousand, never five.
const DOTTED_THOUSANDS = /(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d.])/g;

/** The employee count in a cell, or null when the cell holds no usable count. */
export function parseEmployees(text: string): number | null {
  const compact = text.replace(/[\s,']/g, "");
  const undotted = compact.replace(DOTTED_THOUSANDS, (thousands) => thousands.replaceAll(".", ""));
  const match = EMPLOYEE_COUNT.exec(undotted);
  return match ? Number(match[1]) : null;
}

/**
 * Website cells may list several sites: HubSpot's Additional Domains separates them with semicolons, and
 * people typing into a cell use commas, spaces or line breaks. None of these can be part of a domain name,
 * which is all that matching reads, so every one of them separates: how a list was written never changes
 * how many websites an account has.
 * Repeats are left to AccountInput, which drops them before counting.
 */
export function splitWebsites(cells: readonly string[]): string[] {
  return cells.flatMap((cell) => cell.split(/[;,\s]+/)).filter(Boolean);
}

const EMAIL_IN_OWNER = /^(.*?)\s*[<(]\s*([^<>()\s]+@[^<>()\s]+)\s*[>)]$/;

/** Owner cells hold a name, an e-mail address, or "Name <e-mail>" depending on the CRM and export. */
export function splitOwner(text: string): { name: string | null; email: string | null } {
  const value = text.trim();
  if (!value) return { name: null, email: null };
  const withEmail = EMAIL_IN_OWNER.exec(value);
  if (withEmail) return { name: withEmail[1] || null, email: withEmail[2]! };
  if (/^\S+@\S+$/.test(value)) return { name: null, email: value };
  return { name: value, email: null };
}
