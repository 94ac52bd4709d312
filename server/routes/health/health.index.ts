import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../http/router";

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
  },
});

export function healthRoutes(database: { kind: "pglite" | "postgres"; ping: () => Promise<void> }) {
  return createRouter().openapi(health, async (c) => {
    await database.ping();
    return c.json({ ok: true as const, database: database.kind }, 200);
  });
}
