import { createMiddleware } from "hono/factory";
import type { AuthService } from "../auth/service";
import type { Database } from "../db/client";
import { callTenantFunction, withTenant } from "../db/tenant";
import type { AppEnv } from "./env";
import { ApiError } from "./errors";

/**
 * Checks the bearer token and gives the route tenant-scoped database handles. Routes behind this
 * middleware never see the unscoped database.
 */
export function requireCaller(auth: AuthService, database: Database) {
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
    c.set("scoped", (work) => withTenant(database, caller, work));
    c.set("scopedCall", (fn, ...args) => callTenantFunction(database.db, caller, fn, args));
    await next();
  });
}
