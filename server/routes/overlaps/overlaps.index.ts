import { sql } from "drizzle-orm";
import type { OverlapList } from "../../../src/contract/overlaps";
import { ApiError, notFound } from "../../http/errors";
import { createRouter } from "../../http/router";
import type { MappingService } from "../../mapping/service";
import { readPartnerships } from "../partnerships/partnership-rows";
import { readOverlaps } from "./overlap-rows";
import { listOverlaps, markNotAMatch, readOverlap, undoNotAMatch } from "./overlaps.routes";

const noSuchOverlap = () => notFound("No overlap with this id that you may see.");

export function overlapsRoutes(mapping: MappingService) {
  return createRouter()
    .openapi(listOverlaps, async (c) => {
      const query = c.req.valid("query");
      const conditions = [
        sql`true`,
        query.partnershipId ? sql`po.partnership_id = ${query.partnershipId}::uuid` : undefined,
        query.population ? sql`a.relationship = ${query.population}` : undefined,
        query.after ? sql`po.overlap_id > ${query.after}::uuid` : undefined,
      ].filter((condition) => condition !== undefined);
      const { orgId } = c.get("caller");
      const found = await c.get("scoped")(async (tx) => {
        // A wrong id (the partner's organisation id looks much the same) would otherwise read as
        // "no overlaps with this partner"; another tenant's partnership is answered the same way.
        if (query.partnershipId && (await readPartnerships(tx, orgId, query.partnershipId)).length === 0) {
          const message = "Not one of your partnerships.";
          throw new ApiError(404, "not_found", message, [{ field: "query.partnershipId", message }]);
        }
        return readOverlaps(tx, sql.join(conditions, sql` and `), query.limit + 1);
      });
      const page = found.slice(0, query.limit);
      const body: OverlapList = {
        overlaps: page,
        next: found.length > query.limit ? page.at(-1)!.overlapId : null,
      };
      return c.json(body, 200);
    })
    .openapi(readOverlap, async (c) => {
      const { overlapId } = c.req.valid("param");
      const [overlap] = await c.get("scoped")((tx) =>
        readOverlaps(tx, sql`po.overlap_id = ${overlapId}::uuid`, 1),
      );
      if (!overlap) throw noSuchOverlap();
      return c.json(overlap, 200);
    })
    .openapi(markNotAMatch, async (c) => {
      const caller = c.get("caller");
      const { overlapId } = c.req.valid("param");
      const { reason } = c.req.valid("json");
      const [visible] = await c.get("scoped")((tx) =>
        readOverlaps(tx, sql`po.overlap_id = ${overlapId}::uuid`, 1),
      );
      if (!visible) {
        // Hidden already by a flag (ours or the partner's): answer as if this call had set it.
        const existing = await mapping.findCorrection(caller.orgId, overlapId);
        if (!existing) throw noSuchOverlap();
        return c.json(existing, 200);
      }
      const marked = await mapping.markNotAMatch({
        orgId: caller.orgId,
        userId: caller.userId,
        overlapId,
        reason,
      });
      if (!marked) throw noSuchOverlap();
      return c.json(marked.correction, marked.created ? 201 : 200);
    })
    .openapi(undoNotAMatch, async (c) => {
      const caller = c.get("caller");
      if (caller.role !== "admin") {
        throw new ApiError(403, "forbidden", "Only an admin can take back a “not a match”.");
      }
      const { overlapId } = c.req.valid("param");
      const undone = await mapping.undoNotAMatch({ orgId: caller.orgId, userId: caller.userId, overlapId });
      if (!undone) throw notFound("Your organisation has not flagged this overlap.");
      return c.body(null, 204);
    });
}
