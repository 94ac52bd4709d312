import type { Relationship } from "../../src/contract/accounts";
import { AccountsCsvError } from "./errors";

/** What a CSV column can feed. `website` may come from several columns; the others take one value. */
export const FIELDS = [
  "crmId",
  "name",
  "website",
  "relationship",
  "ownerName",
  "ownerEmail",
  "industry",
  "segment",
  "employees",
  "region",
  "updatedAt",
] as const;
export type Field = (typeof FIELDS)[number];

export type CrmFormat = "salesforce" | "hubspot";
/** "custom" means no known export was recognised and the columns come from the mapping option alone. */
export type DetectedFormat = CrmFormat | "custom";

/**
 * Column headers of each CRM's export, per field. When a file has several columns for one field, the
 * first non-empty cell in this order wins (so the case-safe 18-character id beats the 15-character one).
 * Salesforce Data Loader's API names (BillingCountry, Owner.Email, ...) match too, because headers are
 * compared by letters and digits only.
 */
const KNOWN_HEADERS: Record<CrmFormat, Partial<Record<Field, readonly string[]>>> = {
  salesforce: {
    crmId: ["Account ID (18)", "18-Digit Account ID", "Account ID", "Id"],
    name: ["Account Name", "Name"],
    website: ["Website"],
    relationship: ["Type", "Account Type"],
    ownerName: ["Account Owner", "Account Owner Name", "Owner Name"],
    ownerEmail: ["Account Owner Email", "Owner Email"],
    industry: ["Industry"],
    segment: ["Segment", "Account Segment"],
    employees: ["Employees", "Number Of Employees"],
    region: ["Region", "Billing Country", "Billing State/Province", "Billing State", "Shipping Country"],
    updatedAt: ["Last Modified Date"],
  },
  hubspot: {
    crmId: ["Record ID", "Company ID"],
    name: ["Company name", "Name"],
    website: ["Company Domain Name", "Website URL", "Additional Domains"],
    relationship: ["Lifecycle Stage"],
    ownerName: ["Company owner", "HubSpot Owner"],
    ownerEmail: ["Company owner email", "Owner Email"],
    industry: ["Industry"],
    segment: ["Segment"],
    employees: ["Number of Employees"],
    region: ["Country/Region", "Country", "State/Region"],
    updatedAt: ["Last Modified Date"],
  },
};

export interface MappedColumn {
  field: Field;
  /** The header as it appears in the file. */
  header: string;
  /** Zero-based position in each record. */
  index: number;
  /** True when the column came from the mapping option rather than from recognition. */
  mapped: boolean;
}

export interface ColumnMapping {
  format: DetectedFormat;
  /** In FIELDS order; within a field, in the order values are tried. */
  columns: MappedColumn[];
  /** Headers that feed no field. */
  ignored: string[];
  headerCount: number;
  /** Headers up to the last one with a name: a row may leave out the unnamed empty columns after it. */
  namedHeaderCount: number;
}

export interface DetectColumnsOptions {
  /** `{ "<csv header>": "<field>" }`. A field named here takes its value only from the mapped columns. */
  map?: Record<string, string>;
  /** Used when there is no relationship column, and for rows whose relationship is empty or not recognised. */
  defaultRelationship?: Relationship;
  format?: "auto" | CrmFormat;
}

/** Headers are matched by letters and digits only: case, spacing, punctuation and a BOM do not matter. */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * Decides which column feeds which field. Throws AccountsCsvError when the mapping names an unknown
 * field or header, or when crmId, name or relationship (without a default) has no column.
 */
export function detectColumns(headers: readonly string[], options: DetectColumnsOptions = {}): ColumnMapping {
  const keys = headers.map(normaliseHeader);
  const mapped = readMapOption(options.map ?? {}, headers, keys);
  const formats: CrmFormat[] =
    options.format && options.format !== "auto" ? [options.format] : ["salesforce", "hubspot"];
  const candidates = formats.map((format) => ({ format, columns: recognise(format, headers, keys) }));
  const best = candidates.reduce((a, b) => (score(b.columns) > score(a.columns) ? b : a));

  const mappedFields = new Set(mapped.map((column) => column.field));
  const mappedIndexes = new Set(mapped.map((column) => column.index));
  const recognised = best.columns.filter(
    (column) => !mappedFields.has(column.field) && !mappedIndexes.has(column.index),
  );
  const columns = [...recognised, ...mapped].sort(
    (a, b) => FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field),
  );
  const usedIndexes = new Set(columns.map((column) => column.index));
  const format = options.format === "auto" || !options.format ? detected(best) : options.format;

  assertRequiredColumns(columns, headers, formats, options.defaultRelationship);
  return {
    format,
    columns,
    ignored: headers.filter((_, index) => !usedIndexes.has(index)),
    headerCount: headers.length,
    namedHeaderCount: headers.findLastIndex((header) => header.trim() !== "") + 1,
  };
}

function readMapOption(
  map: Record<string, string>,
  headers: readonly string[],
  keys: readonly string[],
): MappedColumn[] {
  return Object.entries(map).map(([header, field]) => {
    if (!isField(field)) {
      throw new AccountsCsvError(
        `Column mapping "${header}" → "${field}": unknown field. Fields: ${FIELDS.join(", ")}.`,
      );
    }
    const index = findHeader(header, headers, keys);
    if (index < 0) {
      throw new AccountsCsvError(
        `Column mapping names "${header}", which is not in the file. Headers seen: ${quoteAll(headers)}.`,
        "map",
      );
    }
    return { field, header: headers[index]!, index, mapped: true };
  });
}

/**
 * The column a mapping names. The header as written wins over one that only normalises alike, so that
 * "Cust #" picks "Cust #" and not "Cust"; a normalised name shared by two headers is refused, not guessed.
 */
function findHeader(name: string, headers: readonly string[], keys: readonly string[]): number {
  const written = name.trim().toLowerCase();
  const exact = headers.findIndex((header) => header.trim().toLowerCase() === written);
  if (exact >= 0) return exact;
  const key = normaliseHeader(name);
  const alike = keys.flatMap((candidate, index) => (candidate === key ? [index] : []));
  if (alike.length > 1) {
    throw new AccountsCsvError(
      `Column mapping names "${name}", which could be any of ${quoteAll(alike.map((index) => headers[index]!))}. ` +
        "Write the header exactly as it is in the file.",
      "map",
    );
  }
  return alike[0] ?? -1;
}

export function isField(value: string): value is Field {
  return (FIELDS as readonly string[]).includes(value);
}

function recognise(format: CrmFormat, headers: readonly string[], keys: readonly string[]): MappedColumn[] {
  const columns: MappedColumn[] = [];
  const taken = new Set<number>();
  for (const field of FIELDS) {
    for (const alias of KNOWN_HEADERS[format][field] ?? []) {
      const key = normaliseHeader(alias);
      keys.forEach((candidate, index) => {
        if (candidate === key && !taken.has(index)) {
          taken.add(index);
          columns.push({ field, header: headers[index]!, index, mapped: false });
        }
      });
    }
  }
  return columns;
}

/** A format that yields the required identity columns beats one that merely matches more headers. */
function score(columns: readonly MappedColumn[]): number {
  const fields = new Set(columns.map((column) => column.field));
  const identity = Number(fields.has("crmId")) + Number(fields.has("name"));
  return identity * 100 + fields.size;
}

function detected(best: { format: CrmFormat; columns: readonly MappedColumn[] }): DetectedFormat {
  return best.columns.length > 0 ? best.format : "custom";
}

function assertRequiredColumns(
  columns: readonly MappedColumn[],
  headers: readonly string[],
  formats: readonly CrmFormat[],
  defaultRelationship: Relationship | undefined,
): void {
  const present = new Set(columns.map((column) => column.field));
  const required: Field[] = defaultRelationship ? ["crmId", "name"] : ["crmId", "name", "relationship"];
  const missing = required.filter((field) => !present.has(field));
  if (missing.length === 0) return;
  const details = missing.map((field) => {
    const examples = formats.flatMap((format) => KNOWN_HEADERS[format][field] ?? []);
    const hint = field === "relationship" ? "; or set a default relationship" : "";
    return `${field} (looked for ${quoteAll([...new Set(examples)])}${hint})`;
  });
  throw new AccountsCsvError(
    `Missing required column${missing.length > 1 ? "s" : ""}: ${details.join("; ")}. ` +
      `Headers seen: ${quoteAll(headers)}. Map a header to each missing field.`,
  );
}

const quoteAll = (values: readonly string[]) => values.map((value) => `"${value}"`).join(", ");
