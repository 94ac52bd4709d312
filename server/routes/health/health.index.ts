import { createRoute, z } from "@hono/zod-openapi";
import { ApiError } from "../../http/errors";
import { createRouter, errorResponse } from "../../http/router";

const health = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["Operations"],
  summary: "Liveness and database check",
  responses: {
    200: {
      description: "The server and its database answer.",
      content: {
        "application/json": {
          schema: z.object({ ok: z.literal(true), database: z.enum(["pglite", "postgres"]) }),
        },
      },
    },
    503: errorResponse("The server runs, but its database does not answer; the server's log says why."),
  },
});

export function healthRoutes(database: { kind: "pglite" | "postgres"; ping: () => Promise<void> }) {
  return createRouter().openapi(health, async (c) => {
    try {
      await database.ping();
    } catch (error) {
      // The cause (a host, a user name) is for the operator's log, not for whoever polls this.
      console.error("[healthz] the database does not answer:", error);
      throw new ApiError(503, "unavailable", "The server runs, but its database does not answer.");
    }
    return c.json({ ok: true as const, database: database.kind }, 200);
  });
}
