import { getConnInfo } from "@hono/node-server/conninfo";
import type { MiddlewareHandler } from "hono";
import type { AuthService } from "../../auth/service";
import type { AppEnv } from "../../http/env";
import { createRouter } from "../../http/router";
import { signIn, signOut } from "./auth.routes";

function clientIp(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // In-process test requests have no socket.
    return "in-process";
  }
}

export function authRoutes(auth: AuthService) {
  const router = createRouter();
  router.openapi(signIn, async (c) => {
    const { email, password } = c.req.valid("json");
    return c.json(await auth.signIn(email, password, clientIp(c)), 200);
  });
  router.openapi(signOut, async (c) => {
    await auth.signOut(c.get("caller"));
    return c.body(null, 204);
  });
  return router;
}
