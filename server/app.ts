/**
 * Builds the API application. `createApp` is used by the server process and by tests alike, so
 * tests exercise exactly what production serves.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { Scalar } from "@scalar/hono-api-reference";
import { sql } from "drizzle-orm";
import { bodyLimit } from "hono/body-limit";
import { logger } from "hono/logger";
import { requestId } from "hono/request-id";
import { createAuthService } from "./auth/service";
import type { Database } from "./db/client";
import { requireCaller } from "./http/auth-middleware";
import { ApiError, handleError } from "./http/errors";
import { createRouter } from "./http/router";
import { createMappingService } from "./mapping/service";
import { accountsRoutes } from "./routes/accounts/accounts.index";
import { IMPORT_PATH } from "./routes/accounts/accounts.routes";
import { authRoutes } from "./routes/auth/auth.index";
import { healthRoutes } from "./routes/health/health.index";
import { signedInRouters } from "./routes/index";
import { overlapsRoutes } from "./routes/overlaps/overlaps.index";
import { partnershipsRoutes } from "./routes/partnerships/partnerships.index";
import { ScoringBasisCache } from "./scoring/basis-cache";

export interface AppOptions {
  database: Database;
  tokenTtlHours: number;
  /** Reverse proxies in front of the server whose X-Forwarded-For entries are trusted (see config). */
  trustedProxies?: number;
  logRequests?: boolean;
  now?: () => Date;
}

const require = createRequire(import.meta.url);
// The reference page's script is served from our own origin: the API may run with no internet.
const SCALAR_BUNDLE = require.resolve("@scalar/api-reference/browser/standalone.js");

export function createApp(options: AppOptions) {
  const { database } = options;
  const auth = createAuthService(database.db, { tokenTtlHours: options.tokenTtlHours, now: options.now });
  const signedIn = requireCaller(auth, database);
  const mapping = createMappingService(database.db);

  const app = createRouter();
  app.use(requestId());
  if (options.logRequests) app.use(logger());
  // Every /v1 answer holds a token or an organisation's data, or tells whether a token works: no
  // browser or proxy cache may keep a copy, which would outlive the sign-out that erases the rest.
  // Set before the handler runs, so every response the context makes carries it: set afterwards,
  // it made @hono/node-server turn its light response into a streamed Fetch Response, every time.
  app.use("/v1/*", (c, next) => {
    c.header("cache-control", "no-store");
    return next();
  });
  const jsonBodyLimit = bodyLimit({
    maxSize: 1024 * 1024,
    onError: () => {
      throw new ApiError(413, "too_large", "The request body is larger than 1 MiB.");
    },
  });
  // The CSV import streams a body of up to 200 MB and checks that limit as it reads: bodyLimit
  // would hold a chunked upload in memory whole (see server/routes/accounts/csv-body.ts). GET and
  // HEAD requests carry no body, and asking for one would build a whole Fetch Request for nothing.
  const hasNoBody = (method: string) => method === "GET" || method === "HEAD";
  app.use("/v1/*", (c, next) =>
    c.req.path === IMPORT_PATH || hasNoBody(c.req.method) ? next() : jsonBodyLimit(c, next),
  );
  app.onError(handleError);
  app.notFound((c) => {
    // A path that is an endpoint, asked with the wrong method: "No such endpoint" would send the
    // client looking for a mistake in the path.
    const allowed = methodsOf(app.routes, c.req.path);
    if (allowed.length > 0) {
      const listed =
        allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(", ")} or ${allowed.at(-1)}`;
      throw new ApiError(
        405,
        "method_not_allowed",
        `This endpoint takes ${listed}, not ${c.req.method}.`,
        undefined,
        { allow: allowed.join(", ") },
      );
    }
    throw new ApiError(404, "not_found", "No such endpoint.");
  });

  app.route(
    "/",
    healthRoutes({ kind: database.kind, ping: async () => void (await database.db.execute(sql`select 1`)) }),
  );
  // Every other /v1 path needs a signed-in caller, so a new route cannot forget it.
  app.use("/v1/*", async (c, next) => (c.req.path === "/v1/auth/sign-in" ? next() : signedIn(c, next)));
  app.route("/", authRoutes(auth, options.trustedProxies ?? 0));

  const services = { scoringBasis: new ScoringBasisCache() };
  for (const routes of signedInRouters) app.route("/", routes(services));
  // Matching, imports and cross-tenant counts need the privileged mapping service.
  for (const routes of [accountsRoutes, overlapsRoutes, partnershipsRoutes]) app.route("/", routes(mapping));

  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "cosell-lens API",
      version: "1",
      description:
        "Account mapping, partner overlaps and warm intro requests between complementary partners.",
    },
  });
  app.get("/reference/standalone.js", async (c) =>
    c.body(await readFile(SCALAR_BUNDLE), 200, { "content-type": "text/javascript; charset=utf-8" }),
  );
  // Relative, so they resolve beside /reference wherever the server is published: at the root, or
  // under a path behind a reverse proxy that strips it (README), where "/openapi.json" would miss.
  app.get(
    "/reference",
    Scalar({ url: "openapi.json", cdn: "reference/standalone.js", pageTitle: "cosell-lens API" }),
  );
  return app;
}

/** The methods of the routes (not the middleware) whose path template matches `path`. */
function methodsOf(routes: readonly { method: string; path: string }[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === "ALL") continue;
    const template = route.path
      .split("/")
      .map((segment) => (segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    if (new RegExp(`^${template.join("/")}$`).test(path)) methods.add(route.method);
  }
  return [...methods];
}

export type App = ReturnType<typeof createApp>;
