import type { SyncResponse } from "../../../src/contract/sync";
import { createRouter } from "../../http/router";
import { readChangesSince, readFullSyncPage } from "../../sync/feed";
import { decodeFeedCursor, encodeFeedCursor } from "../../sync/feed-cursor";
import { syncFeed } from "./sync.routes";

export function syncRoutes() {
  return createRouter().openapi(syncFeed, async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const caller = c.get("caller");
    const from = cursor === undefined ? null : decodeFeedCursor(cursor, caller.userId);
    const { position, ...page } = await c.get("scoped")((tx) => {
      if (from === null) return readFullSyncPage(tx, caller, null, limit);
      if (from.afterOverlap !== undefined) {
        return readFullSyncPage(tx, caller, { seq: from.seq, afterOverlap: from.afterOverlap }, limit);
      }
      return readChangesSince(tx, caller, from.seq, limit);
    });
    const body: SyncResponse = { cursor: encodeFeedCursor(position, caller.userId), ...page };
    return c.json(body, 200);
  });
}
