/**
 * fast-check arbitraries of values a JSON schema accepts. The fuzzer mutates these into malformed
 * input (so each malformed payload differs from a valid one in a known way), and the isolation
 * tests send them as well-formed requests.
 */
import fc from "fast-check";
import { branches, type JsonSchema, type OpenApiDocument, resolve } from "./json-schema";

/** Identifiers to use instead of random strings: how a request refers to another tenant's objects. */
export interface StringPools {
  uuid: string[];
  email: string[];
  text: string[];
}

export interface ValueOptions {
  /** Include optional properties some of the time; otherwise only the required ones. */
  optional: boolean;
  pools?: StringPools;
}

/** Nesting beyond which optional parts are left out, so recursive schemas stay finite. */
const MAX_DEPTH = 6;
const TYPICAL_LENGTH = 24;
const TYPICAL_ITEMS = 3;
const ALPHANUMERIC = [..."abcdefghijklmnopqrstuvwxyz0123456789"];

export function validValue(
  document: OpenApiDocument,
  schema: JsonSchema,
  options: ValueOptions,
  depth = 0,
): fc.Arbitrary<unknown> {
  const resolved = resolve(document, schema);
  const alternatives = branches(document, resolved);
  if (alternatives.length > 1) {
    return fc.oneof(...alternatives.map((branch) => validValue(document, branch, options, depth)));
  }
  const single = alternatives[0]!;
  if (single.const !== undefined) return fc.constant(single.const);
  if (single.enum) return fc.constantFrom(...single.enum);
  if (Array.isArray(single.type)) {
    return fc.oneof(...single.type.map((type) => validValue(document, { ...single, type }, options, depth)));
  }
  const type = single.type ?? (single.properties ? "object" : undefined);
  const shallow = depth >= MAX_DEPTH ? { ...options, optional: false } : options;
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer(integerRange(single));
    case "number":
      return fc.double({ ...integerRange(single), noNaN: true, noDefaultInfinity: true });
    case "string":
      return stringValue(single, options.pools);
    case "array":
      return arrayValue(document, single, shallow, depth);
    case "object":
      return objectValue(document, single, shallow, depth);
    default:
      return fc.oneof(word(1, TYPICAL_LENGTH), fc.integer(), fc.boolean());
  }
}

/** One deterministic value with only the required parts: the plainest valid input. */
export function minimalValue(document: OpenApiDocument, schema: JsonSchema): unknown {
  return fc.sample(validValue(document, schema, { optional: false }), { numRuns: 1, seed: 1 })[0];
}

function integerRange(schema: JsonSchema): { min: number; max: number } {
  const min = schema.minimum ?? (schema.exclusiveMinimum === undefined ? 0 : schema.exclusiveMinimum + 1);
  const max =
    schema.maximum ?? (schema.exclusiveMaximum === undefined ? min + 1000 : schema.exclusiveMaximum - 1);
  return { min, max: Math.max(min, max) };
}

const word = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...ALPHANUMERIC), minLength, maxLength });

function stringValue(schema: JsonSchema, pools: StringPools | undefined): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, TYPICAL_LENGTH);
  const fits = (value: string) => value.length >= min && value.length <= max;
  const fromPool = (pool: string[] | undefined, fallback: fc.Arbitrary<string>) => {
    const candidates = pool?.filter(fits) ?? [];
    return candidates.length > 0 ? fc.constantFrom(...candidates) : fallback;
  };
  switch (schema.format) {
    case "uuid":
      return fromPool(pools?.uuid, fc.uuid({ version: 4 }));
    case "email":
      return fromPool(
        pools?.email,
        fc.tuple(word(1, 20), word(1, 20)).map(([local, domain]) => `${local}@${domain}.test`),
      );
    case "date-time":
      return isoDate().map((date) => date.toISOString());
    case "date":
      return isoDate().map((date) => date.toISOString().slice(0, 10));
    case "uri":
    case "url":
      return fc.webUrl().filter(fits);
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  // Plain words: valid under trimming and case folding, so a "valid" request really is one.
  const shortest = Math.min(Math.max(min, 1), max);
  return fromPool(pools?.text, word(shortest, Math.max(shortest, Math.min(max, TYPICAL_LENGTH))));
}

const isoDate = () =>
  fc.date({
    min: new Date("2000-01-01T00:00:00Z"),
    max: new Date("2099-12-31T00:00:00Z"),
    noInvalidDate: true,
  });

function arrayValue(
  document: OpenApiDocument,
  schema: JsonSchema,
  options: ValueOptions,
  depth: number,
): fc.Arbitrary<unknown[]> {
  const minLength = schema.minItems ?? 0;
  const maxLength = options.optional
    ? Math.min(schema.maxItems ?? TYPICAL_ITEMS, Math.max(minLength, TYPICAL_ITEMS))
    : minLength;
  const items = validValue(document, schema.items ?? {}, options, depth + 1);
  return schema.uniqueItems
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (item) => JSON.stringify(item) })
    : fc.array(items, { minLength, maxLength });
}

function objectValue(
  document: OpenApiDocument,
  schema: JsonSchema,
  options: ValueOptions,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const required = schema.required ?? [];
  const properties = Object.entries(schema.properties ?? {}).filter(
    ([key]) => options.optional || required.includes(key),
  );
  if (properties.length === 0 && typeof schema.additionalProperties === "object") {
    const values = validValue(document, schema.additionalProperties, options, depth + 1);
    return fc.dictionary(word(1, 12), values, { maxKeys: options.optional ? TYPICAL_ITEMS : 0 });
  }
  const record = Object.fromEntries(
    properties.map(([key, property]) => [key, validValue(document, property, options, depth + 1)]),
  );
  return fc.record(record, { requiredKeys: required.filter((key) => key in record) });
}
