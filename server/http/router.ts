import { OpenAPIHono } from "@hono/zod-openapi";
import { ErrorBody } from "../../src/contract/errors";
import type { AppEnv } from "./env";
import { ApiError, fieldName, zodDetails } from "./errors";

/**
 * A router whose request validation fails with our error shape: 400, naming each offending field.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      const where = result.target === "json" ? undefined : result.target;
      // A required JSON body that was not sent at all reaches validation as `{}`, which a schema
      // whose fields all have defaults (the user's settings) would accept as a reset to them.
      // A body sent with another media type never gets here: the route answers 415.
      if (result.target === "json" && c.req.header("content-type") === undefined) {
        throw new ApiError(400, "invalid_request", "The request is not valid.", [
          { field: fieldName([]), message: "Required: a JSON body, sent as application/json." },
        ]);
      }
      if (!result.success) {
        throw new ApiError(
          400,
          "invalid_request",
          "The request is not valid.",
          zodDetails(result.error, where),
        );
      }
      const unstorable = pathToUnstorableText(result.data);
      if (unstorable) {
        throw new ApiError(400, "invalid_request", "The request is not valid.", [
          { field: fieldName(unstorable.path, where), message: unstorable.message },
        ]);
      }
    },
  });
}

/**
 * Text PostgreSQL cannot store: U+0000 in text or jsonb, and a UTF-16 surrogate without its pair
 * (valid in a JSON string, refused by jsonb, silently replaced in text). Either would otherwise
 * fail as a 500, or change on the way in.
 */
function unstorableTextProblem(text: string): string | undefined {
  if (text.includes("\u0000")) return "Must not contain the NUL character (U+0000).";
  if (UNPAIRED_SURROGATE.test(text)) return "Must be valid Unicode: it holds half of a surrogate pair.";
  return undefined;
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function pathToUnstorableText(
  value: unknown,
  path: string[] = [],
): { path: string[]; message: string } | undefined {
  if (typeof value === "string") {
    const message = unstorableTextProblem(value);
    return message ? { path, message } : undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, item] of Object.entries(value)) {
    const message = unstorableTextProblem(key);
    if (message) return { path: [...path, key], message };
    const found = pathToUnstorableText(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

export const bearerSecurity = [{ bearer: [] as string[] }];

/** An error response of a route, as /openapi.json describes it: our one error shape. */
export const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorBody } },
});
