import { sql } from "drizzle-orm";
import type { Context } from "hono";
import type { OverlapMatrix, PartnershipList, SharingRule } from "../../../src/contract/partnerships";
import { rows } from "../../db/client";
import { auditLog } from "../../db/schema";
import type { AppEnv } from "../../http/env";
import { ApiError, notFound } from "../../http/errors";
import { checkIfMatch, etagOf } from "../../http/preconditions";
import { createRouter } from "../../http/router";
import type { MappingService } from "../../mapping/service";
import { readPartnerships } from "./partnership-rows";
import { listPartnerships, partnershipMatrix, readSharing, writeSharing } from "./partnerships.routes";

const notYours = () => notFound("Not one of your partnerships.");

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
      return c.json(partnership.sharing, 200, { etag: etagOf(partnership.sharing) });
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
        checkIfMatch(ifMatch, etagOf(before.sharing), "The sharing with this partner");
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
        return { rule: after!, tag: etagOf({ youShare: after!, theyShare: before.sharing.theyShare }) };
      });
      if (!updated) throw notYours();
      return c.json(updated.rule, 200, { etag: updated.tag });
    });
}
