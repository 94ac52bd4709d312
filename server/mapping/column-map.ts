/** The `--map` / `?map=` option of an import: `<csv header>=<field>` pairs, as typed by a person. */
import { FIELDS, isField } from "../import/columns";

export class ColumnMapError extends Error {
  override readonly name = "ColumnMapError";
}

/**
 * The last "=" splits, so a header may itself contain "=". Field names are checked here, before the
 * file is read; whether each header is in the file, by the parser.
 */
export function parseColumnMap(pairs: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    // Written like --share's list; the file then seemed to lack a header named by all the pairs.
    const several = pair.split(/[,;]/).map((piece) => piece.trim());
    if (several.length > 1 && several.every(isPair)) {
      throw new ColumnMapError(
        `"${pair}" holds several mappings: give each one on its own (repeat --map, or map= in the API): ${several.map((piece) => `"${piece}"`).join(", ")}.`,
      );
    }
    const split = pair.lastIndexOf("=");
    if (split <= 0 || split === pair.length - 1) {
      throw new ColumnMapError(`"${pair}" is not <csv header>=<field>, e.g. "Cust #=crmId".`);
    }
    const field = pair.slice(split + 1).trim();
    const header = pair.slice(0, split).trim();
    // "crmId=Account Number": the other way round from what is asked, and easily written so.
    if (!isField(field) && isField(header) && !pair.slice(0, split).includes("=")) {
      throw new ColumnMapError(
        `"${pair}" names the field first: write the CSV header, then the field: "${field}=${header}".`,
      );
    }
    if (!isField(field)) {
      throw new ColumnMapError(`"${pair}": unknown field "${field}". Fields: ${FIELDS.join(", ")}.`);
    }
    map[header] = field;
  }
  return map;
}

/** `<csv header>=<field>` with a known field. */
function isPair(text: string): boolean {
  const split = text.lastIndexOf("=");
  return split > 0 && isField(text.slice(split + 1).trim());
}
