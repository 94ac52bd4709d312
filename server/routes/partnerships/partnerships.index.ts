import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import type {
  OverlapMatrix,
  PartnershipList,
  PartnershipSharing,
  SharingRule,
} from "../../../src/contract/partnerships";
import { rows } from "../../db/client";
import { auditLog } from "../../db/schema";
import type { AppEnv } from "../../http/env";
import { ApiError, notFound } from "../../http/errors";
import { createRouter } from "../../http/router";
import type { MappingService } from "../../mapping/service";
import { readPartnerships } from "./partnership-rows";
import { listPartnerships, partnershipMatrix, readSharing, writeSharing } from "./partnerships.routes";

const notYours = () => notFound("Not one of your partnerships.");

/** A strong ETag of both rules: it changes whenever either side's rule does. */
function sharingTag(sharing: PartnershipSharing): string {
  const { youShare, theyShare } = sharing;
  const text = JSON.stringify([youShare.level, youShare.populations, youShare.fields, theyShare]);
  return `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
}

/** If-Match holds: absent, `*`, or a list naming `current`. */
function ifMatchHolds(ifMatch: string | undefined, current: string): boolean {
  if (ifMatch === undefined || ifMatch.trim() === "*") return true;
  return ifMatch.split(",").some((tag) => tag.trim() === current);
}

export function partnershipsRoutes(mapping: MappingService) {
  const callersPartnerships = (c: Context<AppEnv>, id?: string) => {
    const { orgId } = c.get("caller");
    return c.get("scoped")((tx) => readPartnerships(tx, orgId, id));
  };
  return createRouter()
    .openapi(listPartnerships, async (c) => {
      const body: PartnershipList = { partnerships: await callersPartnerships(c) };
      return c.json(body, 200);
    })
    .openapi(partnershipMatrix, async (c) => {
      const { orgId } = c.get("caller");
      const { id } = c.req.valid("param");
      // Membership is checked under the caller's scope before the privileged count runs.
      const [partnership] = await callersPartnerships(c, id);
      if (!partnership) throw notYours();
      const matrix = await mapping.overlapMatrix(id, orgId);
      const body: OverlapMatrix = { partnershipId: id, partner: partnership.partner, ...matrix };
      return c.json(body, 200);
    })
    .openapi(readSharing, async (c) => {
      const { id } = c.req.valid("param");
      const [partnership] = await callersPartnerships(c, id);
      if (!partnership) throw notYours();
      return c.json(partnership.sharing, 200, { etag: sharingTag(partnership.sharing) });
    })
    .openapi(writeSharing, async (c) => {
      const caller = c.get("caller");
      if (caller.role !== "admin") {
        throw new ApiError(403, "forbidden", "Only an admin can change what your organisation shares.");
      }
      const { id } = c.req.valid("param");
      const rule = c.req.valid("json");
      const ifMatch = c.req.valid("header")["if-match"];
      const updated = await c.get("scoped")(async (tx) => {
        // Two admins saving at once take turns, so each audit entry starts from the rule it replaced.
        await tx.execute(
          sql`select 1 from sharing_rules where partnership_id = ${id}::uuid and org_id = ${caller.orgId} for update`,
        );
        const [before] = await readPartnerships(tx, caller.orgId, id);
        if (!before) return null;
        if (!ifMatchHolds(ifMatch, sharingTag(before.sharing))) {
          throw new ApiError(
            412,
            "precondition_failed",
            "The sharing with this partner changed after you read it (If-Match): read it again, and make your change on the rules as they are now.",
          );
        }
        const [after] = await rows<SharingRule>(
          tx,
          sql`update sharing_rules
              set level = ${rule.level}, populations = ${sql.param(rule.populations)}::text[],
                  fields = ${sql.param(rule.fields)}::text[], updated_at = now()
              where partnership_id = ${id}::uuid and org_id = ${caller.orgId}
              returning level, populations, fields`,
        );
        await tx.insert(auditLog).values({
          orgId: caller.orgId,
          actorUserId: caller.userId,
          action: "sharing.updated",
          subject: id,
          details: { partnerOrgId: before.partner.id, before: before.sharing.youShare, after: after! },
        });
        return { rule: after!, tag: sharingTag({ youShare: after!, theyShare: before.sharing.theyShare }) };
      });
      if (!updated) throw notYours();
      return c.json(updated.rule, 200, { etag: updated.tag });
    });
}
