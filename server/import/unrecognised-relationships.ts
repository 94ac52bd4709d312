import type { Relationship } from "../../src/contract/accounts";
import type { UnrecognisedRelationships } from "../../src/contract/imports";
import { compactLabel } from "./values";

/** Distinct values listed; more are still counted in `rows`. */
export const LISTED_VALUES = 100;
const VALUE_CHARS = 100;

/**
 * Counts the relationship values an import did not recognise, so that the admin learns which of their
 * accounts got the default relationship, and which values to map. Values that read the same
 * ("Kunde", "KUNDE ") count as one, under the first spelling seen.
 */
export class UnrecognisedRelationshipTally {
  private rows = 0;
  private readonly values = new Map<string, { value: string; rows: number }>();

  add(value: string): void {
    this.rows++;
    const key = compactLabel(value);
    const counted = this.values.get(key);
    if (counted) counted.rows++;
    else if (this.values.size < LISTED_VALUES) {
      const trimmed = value.trim();
      this.values.set(key, {
        value: trimmed.length > VALUE_CHARS ? `${trimmed.slice(0, VALUE_CHARS)}…` : trimmed,
        rows: 1,
      });
    }
  }

  /** Null when every value was recognised. */
  summary(importedAs: Relationship): UnrecognisedRelationships | null {
    if (this.rows === 0) return null;
    const values = [...this.values.values()].sort(
      (a, b) => b.rows - a.rows || a.value.localeCompare(b.value),
    );
    return { rows: this.rows, importedAs, values };
  }
}
