import { createMiddleware } from "hono/factory";
import type { AuthService } from "../auth/service";
import type { Db } from "../db/client";
import { withTenant } from "../db/tenant";
import type { AppEnv } from "./env";
import { ApiError } from "./errors";

/**
 * Checks the bearer token and gives the route a tenant-scoped database handle. Routes behind this
 * middleware never see the unscoped database.
 */
export function requireCaller(auth: AuthService, db: Db) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const caller = match?.[1] ? await auth.authenticate(match[1]) : null;
    if (!caller) {
      throw new ApiError(
        401,
        "unauthenticated",
        "Sign in first: the token is missing, expired or revoked.",
        undefined,
        {
          "www-authenticate": "Bearer",
        },
      );
    }
    c.set("caller", caller);
    c.set("scoped", (work) => withTenant(db, caller, work));
    await next();
  });
}
