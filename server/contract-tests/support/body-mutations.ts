/**
 * Malformed JSON bodies derived from a valid one: one field of the wrong type, a required field
 * missing, a huge string, a null, deep nesting. Each mutation says whether the result is certainly
 * invalid, in which case the route must reject it.
 */
import fc from "fast-check";
import { hugeString } from "./hostile-values";
import { deleteAt, isObject, label, type Path, pathsOf, setAt, valueAt } from "./json-paths";
import {
  acceptedTypes,
  branches,
  type JsonSchema,
  type JsonType,
  type OpenApiDocument,
  resolve,
  schemaAt,
} from "./json-schema";

export interface MalformedBody {
  kind: string;
  text: string;
  certainlyInvalid: boolean;
}

const JSON_TYPES: JsonType[] = ["null", "boolean", "number", "string", "array", "object"];
/** A placeholder replaced in the serialised body, for values too deep to build as objects. */
const NESTING_PLACEHOLDER = "__nesting_placeholder__";

const oneOfEachType = fc.record({
  null: fc.constant(null),
  boolean: fc.boolean(),
  number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  string: fc.string({ unit: "grapheme", maxLength: 40 }),
  array: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
});

export function bodyMutations(
  document: OpenApiDocument,
  schema: JsonSchema,
  valid: fc.Arbitrary<unknown>,
): fc.Arbitrary<MalformedBody>[] {
  return [
    fc.tuple(valid, fc.nat(), oneOfEachType).map(([value, pick, replacements]) => {
      const candidates = pathsOf(value).flatMap((path) => {
        const field = schemaAt(document, schema, path.map(String));
        const accepted = field && acceptedTypes(document, field);
        const wrong = accepted ? JSON_TYPES.filter((type) => !accepted.has(type)) : [];
        return wrong.length > 0 ? [{ path, wrong }] : [];
      });
      const chosen = candidates[pick % Math.max(candidates.length, 1)];
      if (!chosen) {
        return {
          kind: "body: random JSON",
          text: JSON.stringify(replacements.object),
          certainlyInvalid: false,
        };
      }
      const type = chosen.wrong[pick % chosen.wrong.length]!;
      return {
        kind: `body: ${type} at ${label(chosen.path)}`,
        text: JSON.stringify(setAt(value, chosen.path, replacements[type])),
        certainlyInvalid: true,
      };
    }),
    fc.tuple(valid, fc.nat()).map(([value, pick]) => {
      const candidates = requiredPaths(document, schema, value);
      const chosen = candidates[pick % Math.max(candidates.length, 1)];
      if (!chosen) {
        return { kind: "body: null", text: "null", certainlyInvalid: !acceptsType(document, schema, "null") };
      }
      return {
        kind: `body: missing required ${label(chosen)}`,
        text: JSON.stringify(deleteAt(value, chosen)),
        certainlyInvalid: true,
      };
    }),
    fc
      .tuple(valid, fc.nat(), hugeString(10_000, 300_000), fc.boolean())
      .map(([value, pick, huge, extraKey]) => {
        const paths = pathsOf(value);
        const path = extraKey && isObject(value) ? ["unexpectedHugeField"] : paths[pick % paths.length]!;
        return {
          kind: `body: huge string at ${label(path)}`,
          text: JSON.stringify(setAt(value, path, huge)),
          certainlyInvalid: false,
        };
      }),
    fc.tuple(valid, fc.nat()).map(([value, pick]) => {
      const paths = pathsOf(value);
      const path = paths[pick % paths.length]!;
      return {
        kind: `body: null at ${label(path)}`,
        text: JSON.stringify(setAt(value, path, null)),
        certainlyInvalid: false,
      };
    }),
    fc
      .tuple(valid, fc.nat(), fc.integer({ min: 50, max: 5_000 }), fc.boolean())
      .map(([value, pick, depth, arrays]) => {
        const paths = pathsOf(value);
        const path = paths[pick % paths.length]!;
        const nested = arrays
          ? `${"[".repeat(depth)}${"]".repeat(depth)}`
          : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
        const text = JSON.stringify(setAt(value, path, NESTING_PLACEHOLDER)).replace(
          JSON.stringify(NESTING_PLACEHOLDER),
          nested,
        );
        return { kind: `body: nesting ${depth} deep at ${label(path)}`, text, certainlyInvalid: false };
      }),
    fc.jsonValue().map((value) => ({
      kind: "body: random JSON",
      text: JSON.stringify(value) ?? "null",
      certainlyInvalid: false,
    })),
    fc
      .oneof(
        fc.tuple(valid, fc.nat()).map(([value, cut]) => {
          const text = JSON.stringify(value);
          return text.slice(0, cut % text.length);
        }),
        fc.string({ unit: "grapheme" }),
        fc.constantFrom("{", "[1,]", "{'a': 1}", "undefined", "NaN", '{"a":1}}', "\u0000", "\uFEFF{}"),
      )
      .filter(isNotJson)
      .map((text) => ({ kind: "body: not JSON", text, certainlyInvalid: true })),
  ];
}

function isNotJson(text: string): boolean {
  try {
    // Fetch's body.json() drops a leading byte order mark, as servers should.
    JSON.parse(text.replace(/^\uFEFF/, ""));
    return false;
  } catch {
    return true;
  }
}

function acceptsType(document: OpenApiDocument, schema: JsonSchema, type: JsonType): boolean {
  return acceptedTypes(document, schema)?.has(type) ?? true;
}

/** Paths to required properties present in `value`, where the schema leaves no alternative. */
function requiredPaths(document: OpenApiDocument, schema: JsonSchema, value: unknown): Path[] {
  return pathsOf(value).flatMap((path) => {
    const here = valueAt(value, path);
    const field = schemaAt(document, schema, path.map(String));
    if (!field || !isObject(here)) return [];
    const alternatives = branches(document, resolve(document, field));
    if (alternatives.length !== 1) return [];
    return (alternatives[0]!.required ?? []).filter((key) => key in here).map((key) => [...path, key]);
  });
}

/** For bodies that are not JSON (a CSV upload): arbitrary text, huge text, and JSON where text belongs. */
export const textBodyMutations: fc.Arbitrary<MalformedBody>[] = [
  fc
    .oneof(fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 }))
    .map((text) => ({ kind: "body: random text", text, certainlyInvalid: false })),
  fc
    .array(fc.array(fc.string({ unit: "grapheme", maxLength: 12 }), { maxLength: 6 }), { maxLength: 8 })
    .map((rows) => ({
      kind: "body: random rows",
      text: rows.map((cells) => cells.join(",")).join("\n"),
      certainlyInvalid: false,
    })),
  hugeString(10_000, 300_000).map((text) => ({ kind: "body: huge text", text, certainlyInvalid: false })),
  fc
    .jsonValue()
    .map((value) => ({ kind: "body: JSON", text: JSON.stringify(value) ?? "null", certainlyInvalid: false })),
];
