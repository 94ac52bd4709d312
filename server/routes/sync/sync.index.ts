import type { SyncResponse } from "../../../src/contract/sync";
import { createRouter } from "../../http/router";
import { type FeedPage, readChangesSince, readFullSyncPage } from "../../sync/feed";
import { decodeFeedCursor, encodeFeedCursor } from "../../sync/feed-cursor";
import { readScoringBasis } from "../../sync/scoring-basis";
import type { RouteServices } from "../index";
import { syncFeed } from "./sync.routes";

export function syncRoutes({ scoringBasis }: RouteServices) {
  return createRouter().openapi(syncFeed, async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const caller = c.get("caller");
    const from = cursor === undefined ? null : decodeFeedCursor(cursor, caller);
    // Nothing newer than the cursor in the caller's feed: the usual poll, answered without a query.
    if (from !== null && from.afterOverlap === undefined && caller.feedSeq <= from.seq) {
      return c.json(emptyDelta(encodeFeedCursor({ seq: from.seq }, caller)), 200);
    }
    const { position, ...page } = await c.get("scoped")(async (tx) => {
      let read: FeedPage;
      if (from === null) read = await readFullSyncPage(tx, caller, null, limit);
      else if (from.afterOverlap !== undefined) {
        read = await readFullSyncPage(tx, caller, { seq: from.seq, afterOverlap: from.afterOverlap }, limit);
      } else read = await readChangesSince(tx, caller, from.seq, limit);
      // The basis goes with the start of a full sync and with any change (an answered intro changes a
      // partner's score without changing an overlap), so "nothing changed" stays a tiny response.
      const changed =
        read.reset || (from !== null && from.afterOverlap === undefined && read.position.seq > from.seq);
      // The page may reach past the position the token check read, when a change committed in
      // between: the basis must be at least as new as the cursor the client will hold, or a change
      // to it in that gap would never be sent.
      const basisSeq = Math.max(caller.feedSeq, read.position.seq);
      return {
        ...read,
        scoring: changed ? await readScoringBasis(tx, caller, scoringBasis, basisSeq) : null,
      };
    });
    const body: SyncResponse = { cursor: encodeFeedCursor(position, caller), ...page };
    return c.json(body, 200);
  });
}

function emptyDelta(cursor: string): SyncResponse {
  return { cursor, hasMore: false, reset: false, overlaps: [], deleted: [], settings: null, scoring: null };
}
