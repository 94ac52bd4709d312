import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env";
import { ApiError, fieldName, zodDetails } from "./errors";

/**
 * A router whose request validation fails with our error shape: 400, naming each offending field.
 */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      const where = result.target === "json" ? undefined : result.target;
      if (!result.success) {
        throw new ApiError(
          400,
          "invalid_request",
          "The request is not valid.",
          zodDetails(result.error, where),
        );
      }
      // PostgreSQL text and jsonb cannot hold U+0000, so such input would otherwise fail as a 500.
      const nul = pathToNul(result.data);
      if (nul) {
        throw new ApiError(400, "invalid_request", "The request is not valid.", [
          { field: fieldName(nul, where), message: "Must not contain the NUL character (U+0000)." },
        ]);
      }
    },
  });
}

function pathToNul(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key];
    const found = pathToNul(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

export const bearerSecurity = [{ bearer: [] as string[] }];
