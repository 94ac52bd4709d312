import type { Relationship, Segment } from "../../src/contract/accounts";

/** The runs of letters and digits of a label, lower-cased. */
const words = (value: string) =>
  value
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Lower-case letters and digits only, so "Customer - Direct" and "customerdirect" read the same. */
export const compactLabel = (value: string) => words(value).join("");

// A relationship that is over, or not there yet, whatever else the value says: "Former Customer",
// "Customer - Churned", "Potential Client", "Lost Opportunity". Overstating a relationship misleads
// both partners' reps; understating it only loses a little reach.
const NOT_NOW_WORDS = new Set([
  "former",
  "ex",
  "past",
  "previous",
  "lost",
  "churned",
  "inactive",
  "cancelled",
  "canceled",
  "potential",
  "prospective",
  "future",
]);
const CUSTOMER_WORDS = new Set(["customer", "customers", "client", "clients"]);
const OPPORTUNITY_WORDS = new Set(["opportunity", "opportunities"]);
const PROSPECT_WORDS = new Set(["prospect", "prospects", "lead", "leads", "partner", "partners", "reseller"]);
// Whole values, compacted: HubSpot lifecycle stages (internal names and labels), and the rest of
// Salesforce's standard account Types and Dynamics 365's relationship types that no word above covers.
const CUSTOMER_VALUES = new Set(["evangelist"]);
const OPPORTUNITY_VALUES = new Set(["salesqualifiedlead", "sql"]);
const PROSPECT_VALUES = new Set([
  "subscriber",
  "marketingqualifiedlead",
  "mql",
  "other",
  "none",
  "vendor",
  "competitor",
  "analyst",
  "press",
  "investor",
  "integrator",
  "consultant",
  "influencer",
  "supplier",
]);

/** An export's own relationship values, compacted (`compactLabel`), and what each one means. */
export type RelationshipValues = ReadonlyMap<string, Relationship>;

/**
 * Reads a Salesforce account Type or a HubSpot lifecycle stage (internal value or display label), or
 * one of the export's own values given in `own`. Customer values (Customer - Direct, Customer -
 * Channel, Current Customer, evangelist) are customers; opportunity and sales-qualified lead are
 * opportunities; prospects, leads, partners, "Other" and relationships that are over or not there yet
 * (Former Customer, Potential Client) are prospects. Null for a value none of these covers ("Kunde",
 * "Tier 1"): the importer reports those rather than guess.
 */
export function toRelationship(label: string, own: RelationshipValues = new Map()): Relationship | null {
  const found = words(label);
  const key = found.join("");
  const given = own.get(key);
  if (given) return given;
  if (found.some((word) => NOT_NOW_WORDS.has(word))) return "prospect";
  if (CUSTOMER_VALUES.has(key) || found.some((word) => CUSTOMER_WORDS.has(word))) return "customer";
  if (OPPORTUNITY_VALUES.has(key) || found.some((word) => OPPORTUNITY_WORDS.has(word))) return "opportunity";
  if (PROSPECT_VALUES.has(key) || found.some((word) => PROSPECT_WORDS.has(word))) return "prospect";
  return null;
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
  return SEGMENT_LABELS[compactLabel(label)] ?? null;
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
