/**
 * The API as the app itself describes it: the operations of the OpenAPI document it serves, and
 * the routes Hono actually answers. The contract tests iterate over these lists, so a route added
 * anywhere is covered the moment it is registered.
 */
import type { App } from "../../app";
import { type JsonSchema, type OpenApiDocument, resolve } from "./json-schema";

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: JsonSchema;
}

export interface RequestBody {
  required: boolean;
  mediaType: string;
  schema: JsonSchema;
  example?: unknown;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, { schema?: JsonSchema }>;
}

export interface Operation {
  /** "GET /v1/me": how tests and failure messages name the operation. */
  name: string;
  method: string;
  /** The OpenAPI path template, e.g. `/v1/partnerships/{id}/matrix`. */
  path: string;
  summary?: string;
  secured: boolean;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body?: RequestBody;
  responses: Record<string, ResponseObject>;
}

export interface ApiSurface {
  document: OpenApiDocument;
  operations: Operation[];
  /** "METHOD /template" for every route Hono serves, documented or not. */
  servedRoutes: string[];
}

/** Reachable without a token. Everything else must answer 401 to an anonymous caller. */
export const PUBLIC_ROUTES = [
  "GET /healthz",
  "GET /openapi.json",
  "GET /reference",
  "GET /reference/standalone.js",
  "POST /v1/auth/sign-in",
];

/** The routes that serve the documentation itself, which cannot document themselves. */
export const DOCUMENTATION_ROUTES = ["GET /openapi.json", "GET /reference", "GET /reference/standalone.js"];

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

interface RawOperation {
  summary?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema; example?: unknown }> };
  responses?: Record<string, ResponseObject>;
}

export async function loadApiSurface(app: App): Promise<ApiSurface> {
  const response = await app.request("/openapi.json");
  if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`);
  const document = (await response.json()) as OpenApiDocument;
  return { document, operations: operationsOf(document), servedRoutes: servedRoutes(app) };
}

function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const raw = (item as Record<string, RawOperation | undefined>)[method];
      if (!raw) continue;
      const parameters = raw.parameters ?? [];
      const [mediaType, media] = Object.entries(raw.requestBody?.content ?? {})[0] ?? [];
      operations.push({
        name: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        summary: raw.summary,
        secured: (raw.security ?? document.security ?? []).length > 0,
        pathParams: parameters.filter((p) => p.in === "path"),
        queryParams: parameters.filter((p) => p.in === "query"),
        body:
          mediaType && media
            ? {
                required: raw.requestBody?.required ?? false,
                mediaType,
                schema: media.schema ?? {},
                example: media.example ?? exampleOf(document, media.schema ?? {}),
              }
            : undefined,
        responses: raw.responses ?? {},
      });
    }
  }
  return operations;
}

/** A body schema's own example (`.meta({ example })` in zod), the most realistic valid body. */
function exampleOf(document: OpenApiDocument, schema: JsonSchema): unknown {
  const resolved = resolve(document, schema);
  return resolved.example ?? resolved.examples?.[0];
}

function servedRoutes(app: App): string[] {
  // Middleware registered with `use` shows up as method "ALL"; validators repeat their route.
  const routes = app.routes
    .filter((route) => route.method !== "ALL")
    .map((route) => `${route.method} ${toTemplate(route.path)}`);
  return [...new Set(routes)];
}

/** Hono's `/:id{[0-9]+}?` becomes OpenAPI's `/{id}`. */
function toTemplate(honoPath: string): string {
  return honoPath.replace(/:(\w+)(\{[^}]*\})?\??/g, "{$1}");
}

/** A concrete URL for an operation; values are percent-encoded unless `raw` says they already are. */
export function urlFor(
  operation: Pick<Operation, "path">,
  pathValues: Record<string, string>,
  query: readonly (readonly [string, string])[] = [],
  raw = false,
): string {
  const encode = raw ? (value: string) => value : encodeURIComponent;
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = pathValues[name];
    if (value === undefined) throw new Error(`No value for path parameter {${name}} of ${operation.path}`);
    return encode(value);
  });
  const search = query.map(([key, value]) => `${encode(key)}=${encode(value)}`).join("&");
  return search ? `${path}?${search}` : path;
}

export const hasInputs = (operation: Operation) =>
  operation.pathParams.length > 0 || operation.queryParams.length > 0 || operation.body !== undefined;

export const isJsonMedia = (mediaType: string) =>
  /^application\/([\w.-]+\+)?json$/i.test(mediaType.split(";")[0]!.trim());
