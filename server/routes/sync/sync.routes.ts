import { createRoute } from "@hono/zod-openapi";
import { SyncQuery, SyncResponse } from "../../../src/contract/sync";
import { bearerSecurity, errorResponse } from "../../http/router";

export const syncFeed = createRoute({
  method: "get",
  path: "/v1/sync",
  tags: ["Sync"],
  summary: "The delta sync feed",
  description:
    "Without a cursor: a full sync of every partner overlap you may see and your settings, in pages " +
    "(`reset: true` on the first). With the cursor of the previous response: only what changed since, " +
    "with overlaps you may no longer see as tombstones. Keep calling while `hasMore` is true; keep the " +
    "last cursor for the next sync. Cursors are opaque, survive server restarts and work on every API process.",
  security: bearerSecurity,
  request: { query: SyncQuery },
  responses: {
    200: { description: "One page of the feed.", content: { "application/json": { schema: SyncResponse } } },
    400: errorResponse(
      "Malformed query, or a cursor this server did not issue to you (start over without one).",
    ),
    401: errorResponse("Not signed in."),
  },
});
