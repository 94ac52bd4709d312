/** One error shape for every response: `{ error: { code, message, details? } }`. */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import type { ErrorBody } from "../../src/contract/errors";

export type ErrorDetail = { field: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (what = "Not found") => new ApiError(404, "not_found", what);

/** `accounts.3.name` in a JSON body, `query.limit` elsewhere; "(body)" for the body as a whole. */
export function fieldName(path: readonly PropertyKey[], prefix?: string): string {
  return [prefix, ...path.map(String)].filter(Boolean).join(".") || "(body)";
}

export function zodDetails(error: ZodError, prefix?: string): ErrorDetail[] {
  return error.issues.map((issue) => ({ field: fieldName(issue.path, prefix), message: issue.message }));
}

export function errorBody(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: details?.length ? { code, message, details } : { code, message } };
}

export function handleError(error: Error, c: Context): Response {
  if (error instanceof ApiError) {
    return c.json(errorBody(error.code, error.message, error.details), error.status, error.headers);
  }
  if (error instanceof HTTPException && error.status === 415) {
    // Raised by @hono/zod-openapi for a JSON route's body sent as another media type, or with none;
    // its own "Unsupported Media Type" does not say what to send instead.
    const message = "Send the body as JSON, with Content-Type: application/json.";
    return c.json(errorBody("unsupported_media_type", message, [{ field: "(body)", message }]), 415);
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono raises these for malformed JSON bodies and similar transport-level problems.
    const field = /json/i.test(error.message) ? [{ field: "(body)", message: error.message }] : undefined;
    return c.json(errorBody("invalid_request", error.message, field), error.status as ContentfulStatusCode);
  }
  console.error(`[${c.get("requestId") ?? "-"}]`, error);
  return c.json(errorBody("internal", "Something went wrong on the server."), 500);
}
