/**
 * The `--relationship-value` / `?relationshipValue=` option of an import: `<value>=<relationship>`
 * pairs, as typed by a person, for the export's own values ("Kunde=customer").
 */
import { Relationship } from "../../src/contract/accounts";
import { compactLabel, type RelationshipValues } from "../import/values";

export class RelationshipValuesError extends Error {
  override readonly name = "RelationshipValuesError";
}

/** The last "=" splits, so a value may itself contain "=". Values compare as `toRelationship` reads them. */
export function parseRelationshipValues(pairs: readonly string[]): RelationshipValues {
  const values = new Map<string, Relationship>();
  for (const pair of pairs) {
    const split = pair.lastIndexOf("=");
    if (split <= 0 || split === pair.length - 1) {
      throw new RelationshipValuesError(`"${pair}" is not <value>=<relationship>, e.g. "Kunde=customer".`);
    }
    // "Kunde=Customer" as readily as "Kunde=customer": case doesn't matter on either side.
    const relationship = Relationship.safeParse(
      pair
        .slice(split + 1)
        .trim()
        .toLowerCase(),
    );
    if (!relationship.success) {
      throw new RelationshipValuesError(
        `"${pair}": the relationship must be one of ${Relationship.options.join(", ")}.`,
      );
    }
    const key = compactLabel(pair.slice(0, split));
    if (key === "") {
      throw new RelationshipValuesError(`"${pair}": the value has no letters or digits to recognise.`);
    }
    const earlier = values.get(key);
    if (earlier !== undefined && earlier !== relationship.data) {
      throw new RelationshipValuesError(
        `"${pair}": that value is already given as ${earlier}; give each value one relationship.`,
      );
    }
    values.set(key, relationship.data);
  }
  return values;
}
