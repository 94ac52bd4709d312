/**
 * Opaque paging cursors: base64url JSON with a version, validated by a zod schema on the way back
 * in. Clients must treat them as strings; the version lets the format change without breaking a
 * cursor an extension saved before an upgrade (it gets a clear 400 and starts over).
 */
import type * as z from "zod";
import { ApiError, fieldName } from "../http/errors";

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function encodeCursor(value: object): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** Named as request validation names a query parameter, so a client sees one name for it. */
export function invalidCursor(message: string): ApiError {
  return new ApiError(400, "invalid_request", "The request is not valid.", [
    { field: fieldName(["cursor"], "query"), message },
  ]);
}

/** The cursor's content, or a 400 naming the `query.cursor` field when it is not one we issued. */
export function decodeCursor<Schema extends z.ZodType>(text: string, schema: Schema): z.infer<Schema> {
  const parsed = schema.safeParse(BASE64URL.test(text) ? parseJson(text) : undefined);
  if (!parsed.success) throw invalidCursor("Not a cursor this server issued: omit it to start over.");
  return parsed.data;
}

function parseJson(base64url: string): unknown {
  try {
    return JSON.parse(Buffer.from(base64url, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}
