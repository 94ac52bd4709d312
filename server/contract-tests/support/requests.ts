/** Well-formed requests for an operation, generated from its OpenAPI description, and sending them. */
import fc from "fast-check";
import type { App } from "../../app";
import { isJsonMedia, type Operation, type Parameter, urlFor } from "./api-surface";
import type { OpenApiDocument } from "./json-schema";
import { type StringPools, type ValueOptions, validValue } from "./valid-values";

export interface ApiRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** The parts of a request before they are put together, so the fuzzer can break one of them. */
export interface RequestParts {
  path: Record<string, string>;
  query: [string, string][];
  body: unknown;
}

export function requestParts(
  document: OpenApiDocument,
  operation: Operation,
  options: ValueOptions,
): fc.Arbitrary<RequestParts> {
  const path = fc.record(
    Object.fromEntries(
      operation.pathParams.map((param) => [param.name, scalar(document, param, options.pools)]),
    ),
  );
  const query = fc
    .tuple(...operation.queryParams.map((param) => queryEntries(document, param, options)))
    .map((entries) => entries.flat());
  const body = operation.body ? bodyValue(document, operation, options) : fc.constant(undefined);
  return fc.record({ path, query, body }) as fc.Arbitrary<RequestParts>;
}

export function assemble(operation: Operation, parts: RequestParts): ApiRequest {
  return {
    method: operation.method,
    url: urlFor(operation, parts.path, parts.query),
    headers: parts.body === undefined ? {} : { "content-type": operation.body!.mediaType },
    body: parts.body === undefined ? undefined : bodyText(operation, parts.body),
  };
}

/** JSON for JSON media types; a text body (a CSV upload) is sent as it is. */
export function bodyText(operation: Operation, value: unknown): string {
  return typeof value === "string" && !isJsonMedia(operation.body?.mediaType ?? "")
    ? value
    : JSON.stringify(value);
}

export function validRequest(
  document: OpenApiDocument,
  operation: Operation,
  options: ValueOptions,
): fc.Arbitrary<ApiRequest> {
  return requestParts(document, operation, options).map((parts) => assemble(operation, parts));
}

/** The plainest valid request: required parts only, and the documented example body if there is one. */
export function minimalParts(document: OpenApiDocument, operation: Operation): RequestParts {
  return fc.sample(requestParts(document, operation, { optional: false }), { numRuns: 1, seed: 1 })[0]!;
}

function scalar(document: OpenApiDocument, param: Parameter, pools?: StringPools): fc.Arbitrary<string> {
  return validValue(document, param.schema, { optional: false, pools }).map(String);
}

function queryEntries(
  document: OpenApiDocument,
  param: Parameter,
  options: ValueOptions,
): fc.Arbitrary<[string, string][]> {
  const values = validValue(document, param.schema, options).map((value): [string, string][] =>
    (Array.isArray(value) ? value : [value]).map((item) => [param.name, String(item)]),
  );
  if (param.required) return values;
  const none = fc.constant<[string, string][]>([]);
  return options.optional ? fc.oneof(none, values) : none;
}

function bodyValue(
  document: OpenApiDocument,
  operation: Operation,
  options: ValueOptions,
): fc.Arbitrary<unknown> {
  const body = operation.body!;
  if (!options.optional && body.example !== undefined) return fc.constant(body.example);
  return validValue(document, body.schema, options);
}

/**
 * Sends a request in-process. `clientAddress` stands in for the socket's remote address, which
 * in-process requests lack; sign-in rate limits are counted per address.
 */
export async function send(
  app: App,
  request: ApiRequest,
  options: { token?: string; clientAddress?: string } = {},
): Promise<ApiResponse> {
  const headers = { ...request.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const env = options.clientAddress
    ? { incoming: { socket: { remoteAddress: options.clientAddress } } }
    : undefined;
  const response = await app.request(
    `http://api.test${request.url}`,
    { method: request.method, headers, body: request.body },
    env,
  );
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const describeRequest = (request: ApiRequest) =>
  `${request.method} ${truncate(request.url)}${request.body === undefined ? "" : ` body=${truncate(request.body)}`}${
    request.headers["content-type"] === undefined ? "" : ` content-type=${request.headers["content-type"]}`
  }`;

export const truncate = (text: string, max = 300) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
