import type { z } from "zod";
import { AccountInput, type Relationship } from "../../src/contract/accounts";
import { toCaseSafeSalesforceId } from "../../src/crm-ids/salesforce";
import type { ColumnMapping, Field, MappedColumn } from "./columns";
import { type DateOrder, toIsoTimestamp } from "./dates";
import {
  compactLabel,
  parseEmployees,
  type RelationshipValues,
  segmentFromEmployees,
  segmentFromLabel,
  splitOwner,
  splitWebsites,
  toRelationship,
} from "./values";

/**
 * A good row may carry a relationship value that was not recognised: the account then has the default
 * relationship, and the importer reports the value with its count.
 */
export type RowResult =
  | { ok: true; account: AccountInput; unrecognisedRelationship?: string }
  | { ok: false; reason: string };

export interface RowOptions {
  /** For a file without a relationship column, and rows whose relationship is empty or not recognised. */
  defaultRelationship?: Relationship;
  /** The export's own relationship values; see `toRelationship`. */
  relationshipValues?: RelationshipValues;
  dateOrder?: DateOrder;
}

const REASON_VALUE_CHARS = 40;
/** "1.23457E+11", or "1,23457E+11" from a European Excel. */
const EXCEL_ROUNDED_NUMBER = /^\d+(?:[.,]\d+)?E\+\d+$/i;

/** Builds the function that turns one CSV record (an array of cells) into an account or a reason. */
export function createRowReader(
  mapping: ColumnMapping,
  options: RowOptions = {},
): (cells: string[]) => RowResult {
  const byField = groupByField(mapping.columns);
  // Every column of the field is named: a website comes from all of them, and a value that is missing
  // is missing from each.
  const describe = (field: string) => {
    const headers = (byField.get(field as Field) ?? []).map((column) => `"${column.header}"`);
    return headers.length > 0 ? `${field} (${headers.join(", ")})` : field;
  };
  const first = (cells: readonly string[], field: Field): string => {
    for (const column of byField.get(field) ?? []) {
      const value = cells[column.index]?.trim();
      if (value) return value;
    }
    return "";
  };
  const all = (cells: readonly string[], field: Field) =>
    (byField.get(field) ?? []).map((column) => cells[column.index] ?? "");

  return (cells) => {
    // Empty columns at the end don't shift any value: exports that end data lines with a separator, or
    // whose header ends with unnamed columns, made every row bad.
    const fits =
      cells.length === mapping.headerCount ||
      (cells.length > mapping.headerCount &&
        cells.slice(mapping.headerCount).every((cell) => cell.trim() === "")) ||
      (cells.length < mapping.headerCount && cells.length >= mapping.namedHeaderCount);
    if (!fits) {
      const fields = cells.length === 1 ? "1 field" : `${cells.length} fields`;
      return { ok: false, reason: `row has ${fields}, the header has ${mapping.headerCount}` };
    }
    // PostgreSQL cannot store U+0000: a cell holding one makes a bad row, not a failed import.
    const withNul = mapping.columns.find((column) => cells[column.index]?.includes("\u0000"));
    if (withNul) {
      return {
        ok: false,
        reason: `${withNul.field} ("${withNul.header}"): holds the NUL character (U+0000)`,
      };
    }
    const crmId = first(cells, "crmId");
    if (!crmId) return { ok: false, reason: `missing ${describe("crmId")}` };
    // Excel shows a number of 12 digits or more as 1.23457E+11 and saves it so: different ids come out
    // equal, and the upsert kept only the last of their rows.
    if (EXCEL_ROUNDED_NUMBER.test(crmId)) {
      return {
        ok: false,
        reason:
          `${describe("crmId")}: ${quote(crmId)} is a number Excel rounded, which loses the id: export the file again, ` +
          "and don't save it from Excel (or format the column as text first)",
      };
    }
    const name = first(cells, "name");
    if (!name) return { ok: false, reason: `missing ${describe("name")}` };

    const updatedText = first(cells, "updatedAt");
    const updatedAt = updatedText ? toIsoTimestamp(updatedText, options.dateOrder) : null;
    if (updatedText && !updatedAt) {
      return { ok: false, reason: `${describe("updatedAt")}: not a date ${quote(updatedText)}` };
    }

    const relationshipText = first(cells, "relationship");
    // A cell of dashes or dots stands for an empty one.
    const relationshipGiven = compactLabel(relationshipText) !== "";
    const relationship = relationshipGiven
      ? toRelationship(relationshipText, options.relationshipValues)
      : null;
    const owner = splitOwner(first(cells, "ownerName"));
    const employees = parseEmployees(first(cells, "employees"));
    const candidate = {
      crmId: mapping.format === "salesforce" ? toCaseSafeSalesforceId(crmId) : crmId,
      name,
      websites: splitWebsites(all(cells, "website")),
      relationship: relationship ?? options.defaultRelationship ?? "prospect",
      ownerName: owner.name,
      ownerEmail: first(cells, "ownerEmail") || owner.email,
      industry: first(cells, "industry") || null,
      // An unknown segment label is ignored rather than rejected: CRMs use house names like "Tier 2".
      segment:
        segmentFromLabel(first(cells, "segment")) ??
        (employees === null ? null : segmentFromEmployees(employees)),
      region: first(cells, "region") || null,
      updatedAt,
    };
    const parsed = AccountInput.safeParse(candidate);
    if (!parsed.success)
      return { ok: false, reason: describeIssues(parsed.error.issues, candidate, describe) };
    return relationshipGiven && !relationship
      ? { ok: true, account: parsed.data, unrecognisedRelationship: relationshipText }
      : { ok: true, account: parsed.data };
  };
}

function groupByField(columns: readonly MappedColumn[]): Map<Field, MappedColumn[]> {
  const byField = new Map<Field, MappedColumn[]>();
  for (const column of columns) {
    byField.set(column.field, [...(byField.get(column.field) ?? []), column]);
  }
  return byField;
}

function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  candidate: Record<string, unknown>,
  describe: (field: string) => string,
): string {
  return issues
    .map((issue) => {
      const [key, position] = issue.path;
      const field = key === "websites" ? "website" : String(key);
      const value =
        typeof position === "number" ? (candidate[String(key)] as unknown[])[position] : candidate[field];
      const got = typeof value === "string" ? ` ${quote(value)}` : "";
      return `${describe(field)}: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}${got}`;
    })
    .join("; ");
}

const quote = (value: string) =>
  JSON.stringify(value.length > REASON_VALUE_CHARS ? `${value.slice(0, REASON_VALUE_CHARS)}…` : value);
