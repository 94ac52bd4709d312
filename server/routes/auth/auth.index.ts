import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { normaliseAddress } from "../../auth/client-address";
import type { AuthService } from "../../auth/service";
import type { AppEnv } from "../../http/env";
import { createRouter } from "../../http/router";
import { signIn, signOut } from "./auth.routes";

/**
 * The address sign-in limits count against. Behind `trustedProxies` reverse proxies, each of which
 * appends the address it got the request from to X-Forwarded-For, the client's is the entry that
 * many places from the end; entries before it may be made up by the client, so they are ignored.
 */
function clientIp(c: Context<AppEnv>, trustedProxies: number): string {
  let socketAddress: string;
  try {
    socketAddress = getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // In-process test requests have no socket.
    socketAddress = "in-process";
  }
  if (trustedProxies === 0) return normaliseAddress(socketAddress);
  const forwarded = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return normaliseAddress(forwarded[forwarded.length - trustedProxies] ?? socketAddress);
}

export function authRoutes(auth: AuthService, trustedProxies: number) {
  const router = createRouter();
  router.openapi(signIn, async (c) => {
    const { email, password } = c.req.valid("json");
    return c.json(await auth.signIn(email, password, clientIp(c, trustedProxies)), 200);
  });
  router.openapi(signOut, async (c) => {
    await auth.signOut(c.get("caller"));
    return c.body(null, 204);
  });
  return router;
}
