/**
 * Malformed requests for one operation, derived from its OpenAPI description: a valid request with
 * exactly one part broken (body, content type, query, path or token), so a failure points at the
 * part the route mishandles.
 */
import fc from "fast-check";
import { isJsonMedia, type Operation, urlFor } from "./api-surface";
import { bodyMutations, type MalformedBody, textBodyMutations } from "./body-mutations";
import {
  brokenEncoding,
  garbage,
  jsonLikeMediaType,
  malformedAuthorization,
  printableAscii,
  unsupportedMediaType,
} from "./hostile-values";
import { type OpenApiDocument, resolve } from "./json-schema";
import { type ApiRequest, bodyText, type RequestParts, requestParts } from "./requests";
import { validValue } from "./valid-values";

export interface MalformedRequest extends ApiRequest {
  kind: string;
  /**
   * What the answer must be besides "no 5xx, error shape": `rejected` when the request is certainly
   * invalid (so a 2xx means the route accepted bad input), `unauthenticated` for a bad token.
   */
  expect: "anything" | "rejected" | "unauthenticated";
  /** Sent as the Authorization header instead of the caller's token. */
  authorization?: string;
}

const BODY_LIMIT_BYTES = 1024 * 1024;

type Build = (
  kind: string,
  expect: MalformedRequest["expect"],
  given: RequestParts,
  overrides?: Partial<MalformedRequest> & { rawQuery?: string; rawPath?: Record<string, string> },
) => MalformedRequest;

export function malformedRequests(
  document: OpenApiDocument,
  operation: Operation,
): fc.Arbitrary<MalformedRequest> {
  const parts = requestParts(document, operation, { optional: true });
  const build: Build = (kind, expect, given, { rawQuery, rawPath, ...rest } = {}) => {
    const path = { ...mapValues(given.path, encodeURIComponent), ...rawPath };
    const query = given.query.map(
      ([key, value]) => [encodeURIComponent(key), encodeURIComponent(value)] as const,
    );
    const url = urlFor(operation, path, query, true);
    const hasBody = given.body !== undefined;
    return {
      kind,
      expect,
      method: operation.method,
      url: rawQuery ? `${url}${url.includes("?") ? "&" : "?"}${rawQuery}` : url,
      headers: hasBody ? { "content-type": operation.body!.mediaType } : {},
      body: hasBody ? bodyText(operation, given.body) : undefined,
      ...rest,
    };
  };

  const kinds: fc.Arbitrary<MalformedRequest>[] = [
    ...bodyKinds(document, operation, parts, build),
    ...queryKinds(operation, parts, build),
    ...pathKinds(operation, parts, build),
  ];
  if (operation.secured) {
    kinds.push(
      fc
        .tuple(parts, malformedAuthorization)
        .map(([given, authorization]) =>
          build("auth: malformed token", "unauthenticated", given, { authorization }),
        ),
    );
  }
  return fc.oneof(...kinds);
}

function bodyKinds(
  document: OpenApiDocument,
  operation: Operation,
  parts: fc.Arbitrary<RequestParts>,
  build: Build,
): fc.Arbitrary<MalformedRequest>[] {
  if (operation.method === "GET") return [];
  if (!operation.body) {
    return [
      fc.tuple(parts, fc.jsonValue()).map(([given, value]) =>
        build("body: unexpected", "anything", given, {
          body: JSON.stringify(value) ?? "null",
          headers: { "content-type": "application/json" },
        }),
      ),
    ];
  }
  const { mediaType, required } = operation.body;
  const headers = { "content-type": mediaType };
  const contents = isJsonMedia(mediaType) ? jsonBodies(document, operation) : textBodyMutations;
  const requiresContent =
    required &&
    (!isJsonMedia(mediaType) || (resolve(document, operation.body.schema).required ?? []).length > 0);
  return [
    ...contents.map((contentArbitrary) =>
      fc.tuple(parts, contentArbitrary).map(([given, body]) =>
        build(body.kind, body.certainlyInvalid ? "rejected" : "anything", given, {
          body: body.text,
          headers,
        }),
      ),
    ),
    fc
      .tuple(parts, unsupportedMediaType(mediaType))
      .map(([given, other]) =>
        build(`body: content-type ${other}`, "rejected", given, { headers: { "content-type": other } }),
      ),
    fc
      .tuple(parts, jsonLikeMediaType)
      .map(([given, other]) =>
        build(`body: content-type ${other}`, "anything", given, { headers: { "content-type": other } }),
      ),
    parts.map((given) =>
      build("body: absent", requiresContent ? "rejected" : "anything", given, {
        body: undefined,
        headers: {},
      }),
    ),
    parts.map((given) =>
      build("body: over the size limit", isJsonMedia(mediaType) ? "rejected" : "anything", given, {
        body: JSON.stringify({ padding: "x".repeat(BODY_LIMIT_BYTES) }),
        headers,
      }),
    ),
  ];
}

function jsonBodies(document: OpenApiDocument, operation: Operation): fc.Arbitrary<MalformedBody>[] {
  const { schema } = operation.body!;
  return bodyMutations(document, schema, validValue(document, schema, { optional: true }));
}

function queryKinds(
  operation: Operation,
  parts: fc.Arbitrary<RequestParts>,
  build: Build,
): fc.Arbitrary<MalformedRequest>[] {
  const params = operation.queryParams;
  const kinds: fc.Arbitrary<MalformedRequest>[] = [
    fc
      .tuple(parts, fc.array(fc.tuple(printableAscii(20), garbage), { minLength: 1, maxLength: 5 }))
      .map(([given, extra]) =>
        build("query: unknown parameters", "anything", { ...given, query: [...given.query, ...extra] }),
      ),
    fc
      .tuple(parts, brokenEncoding, fc.option(fc.constantFrom(...params.map((p) => p.name), "x")))
      .map(([given, broken, name]) =>
        build(`query: broken encoding ${broken}`, "anything", given, {
          rawQuery: name === null ? broken : `${name}=${broken}`,
        }),
      ),
  ];
  if (params.length === 0) return kinds;
  const pick = fc.constantFrom(...params);
  kinds.push(
    fc.tuple(parts, pick, garbage).map(([given, param, value]) =>
      build(`query: ${param.name} is garbage`, "anything", {
        ...given,
        query: [...given.query.filter(([key]) => key !== param.name), [param.name, value]],
      }),
    ),
    fc.tuple(parts, pick, garbage).map(([given, param, value]) =>
      build(`query: ${param.name} repeated`, "anything", {
        ...given,
        query: [...given.query, [param.name, value], [param.name, value]],
      }),
    ),
  );
  const required = params.filter((param) => param.required);
  if (required.length > 0) {
    kinds.push(
      fc.tuple(parts, fc.constantFrom(...required)).map(([given, param]) =>
        build(`query: ${param.name} missing`, "rejected", {
          ...given,
          query: given.query.filter(([key]) => key !== param.name),
        }),
      ),
    );
  }
  return kinds;
}

function pathKinds(
  operation: Operation,
  parts: fc.Arbitrary<RequestParts>,
  build: Build,
): fc.Arbitrary<MalformedRequest>[] {
  if (operation.pathParams.length === 0) return [];
  const pick = fc.constantFrom(...operation.pathParams.map((param) => param.name));
  return [
    fc
      .tuple(parts, pick, garbage)
      .map(([given, name, value]) =>
        build(`path: ${name} is garbage`, "anything", { ...given, path: { ...given.path, [name]: value } }),
      ),
    fc
      .tuple(parts, pick, brokenEncoding)
      .map(([given, name, broken]) =>
        build(`path: ${name} is ${broken}`, "anything", given, { rawPath: { [name]: broken } }),
      ),
  ];
}

const mapValues = (values: Record<string, string>, map: (value: string) => string) =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, map(value)]));
