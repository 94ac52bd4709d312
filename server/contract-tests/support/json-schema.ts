/**
 * Just enough of JSON Schema (as @hono/zod-openapi emits it into OpenAPI 3.1) to walk request
 * schemas: resolve references, tell which JSON types a place accepts, and whether a dotted field
 * path names a real field.
 */

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
}

export interface OpenApiDocument {
  openapi: string;
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, unknown> };
  security?: unknown[];
}

export type JsonType = "null" | "boolean" | "number" | "string" | "array" | "object";

const COMPONENT_PREFIX = "#/components/schemas/";

export function resolve(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  // Components may refer to components; a chain longer than this is a cycle.
  for (let hops = 0; current.$ref && hops < 32; hops++) {
    const name = current.$ref.startsWith(COMPONENT_PREFIX) ? current.$ref.slice(COMPONENT_PREFIX.length) : "";
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`Unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** The alternatives of a schema: its anyOf/oneOf branches, or itself. */
export function branches(document: OpenApiDocument, schema: JsonSchema): JsonSchema[] {
  const resolved = resolve(document, schema);
  const alternatives = resolved.anyOf ?? resolved.oneOf;
  if (alternatives) return alternatives.flatMap((branch) => branches(document, branch));
  if (resolved.allOf) return [mergeAll(document, resolved.allOf)];
  return [resolved];
}

function mergeAll(document: OpenApiDocument, parts: JsonSchema[]): JsonSchema {
  const merged: JsonSchema = {};
  for (const part of parts.map((p) => resolve(document, p))) {
    Object.assign(merged, part, {
      properties: { ...merged.properties, ...part.properties },
      required: [...(merged.required ?? []), ...(part.required ?? [])],
    });
  }
  return merged;
}

/** The JSON types a schema accepts, or null when it accepts anything. */
export function acceptedTypes(document: OpenApiDocument, schema: JsonSchema): Set<JsonType> | null {
  const accepted = new Set<JsonType>();
  for (const branch of branches(document, schema)) {
    const types = typesOf(branch);
    if (!types) return null;
    for (const type of types) accepted.add(type);
  }
  return accepted;
}

function typesOf(schema: JsonSchema): JsonType[] | null {
  if (schema.const !== undefined) return [jsonTypeOf(schema.const)];
  if (schema.enum) return schema.enum.map(jsonTypeOf);
  if (schema.type === undefined) return schema.properties ? ["object"] : null;
  const declared = Array.isArray(schema.type) ? schema.type : [schema.type];
  return declared.map((type) => (type === "integer" ? "number" : (type as JsonType)));
}

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value as JsonType;
}

/** The schema at a field path (`accounts.3.name`), or undefined when no such field exists. */
export function schemaAt(
  document: OpenApiDocument,
  schema: JsonSchema,
  path: readonly string[],
): JsonSchema | undefined {
  if (path.length === 0) return schema;
  const [head, ...rest] = path as [string, ...string[]];
  for (const branch of branches(document, schema)) {
    const child = childSchema(branch, head);
    const found = child && schemaAt(document, child, rest);
    if (found) return found;
  }
  return undefined;
}

function childSchema(schema: JsonSchema, key: string): JsonSchema | undefined {
  if (schema.items && /^\d+$/.test(key)) return schema.items;
  const property = schema.properties?.[key];
  if (property) return property;
  if (typeof schema.additionalProperties === "object") return schema.additionalProperties;
  if (schema.additionalProperties === true) return {};
  return undefined;
}

/** Names of every component schema referenced, directly or through other components, from `root`. */
export function referencedComponents(document: OpenApiDocument, root: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith(COMPONENT_PREFIX)) {
        const name = value.slice(COMPONENT_PREFIX.length);
        if (found.has(name)) continue;
        found.add(name);
        visit(document.components?.schemas?.[name]);
      } else visit(value);
    }
  };
  visit(root);
  return found;
}

/** Every `$ref` string anywhere in the document. */
export function allRefs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(allRefs);
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "$ref" && typeof value === "string" ? [value] : allRefs(value),
  );
}
