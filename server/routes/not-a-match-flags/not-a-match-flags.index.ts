import { sql } from "drizzle-orm";
import type { NotAMatchFlagList } from "../../../src/contract/not-a-match-flags";
import { rows } from "../../db/client";
import { ApiError, notFound } from "../../http/errors";
import { createRouter } from "../../http/router";
import { auditFlagTakenBack } from "../../mapping/corrections";
import { listNotAMatchFlags, removeNotAMatchFlag } from "./not-a-match-flags.routes";

interface FlagRow {
  id: string;
  crm_id: string;
  account_name: string | null;
  partner_org_id: string;
  partner_name: string | null;
  reason: string | null;
  marked_at: string;
  user_id: string | null;
  user_email: string | null;
}

// Under the caller's row-level security: the organisation's own flags, its own accounts, and the
// names of the organisations it is partnered with. The partner's CRM id, part of the flag's key,
// is not read: it is the partner's, and the flag's id stands in for it.
const SELECT_FLAGS = sql`select c.id, c.crm_id, a.name as account_name, c.partner_org_id,
    p.name as partner_name, c.reason, c.created_at::text as marked_at, u.id as user_id, u.email as user_email
  from overlap_corrections c
  left join accounts a on a.org_id = c.org_id and a.crm_id = c.crm_id
  left join orgs p on p.id = c.partner_org_id
  left join users u on u.id = c.marked_by`;

export function notAMatchFlagsRoutes() {
  return createRouter()
    .openapi(listNotAMatchFlags, async (c) => {
      // Each flag names the colleague who set it, and only admins and managers list users.
      const { role } = c.get("caller");
      if (role !== "admin" && role !== "manager") {
        throw new ApiError(403, "forbidden", "Only admins and managers can list the “not a match” flags.");
      }
      const { after, limit } = c.req.valid("query");
      const found = await c.get("scoped")((tx) =>
        rows<FlagRow>(
          tx,
          sql`${SELECT_FLAGS} ${after ? sql`where c.id > ${after}::uuid` : sql``}
              order by c.id limit ${limit + 1}`,
        ),
      );
      const page = found.slice(0, limit);
      const body: NotAMatchFlagList = {
        flags: page.map((row) => ({
          id: row.id,
          account: { crmId: row.crm_id, name: row.account_name },
          // An organisation that is no longer a partner is not visible by name any more.
          partner: { id: row.partner_org_id, name: row.partner_name },
          reason: row.reason,
          markedBy: row.user_id && row.user_email ? { id: row.user_id, email: row.user_email } : null,
          markedAt: new Date(row.marked_at).toISOString(),
        })),
        next: found.length > limit ? page.at(-1)!.id : null,
      };
      return c.json(body, 200);
    })
    .openapi(removeNotAMatchFlag, async (c) => {
      const caller = c.get("caller");
      if (caller.role !== "admin") {
        throw new ApiError(403, "forbidden", "Only an admin can take back a “not a match”.");
      }
      const { flagId } = c.req.valid("param");
      const removed = await c.get("scoped")(async (tx) => {
        const [flag] = await rows<{ crm_id: string; partner_org_id: string; reason: string | null }>(
          tx,
          sql`delete from overlap_corrections where id = ${flagId}::uuid
              returning crm_id, partner_org_id, reason`,
        );
        if (!flag) return false;
        await auditFlagTakenBack(tx, {
          orgId: caller.orgId,
          userId: caller.userId,
          subject: flagId,
          crmId: flag.crm_id,
          partnerOrgId: flag.partner_org_id,
          reason: flag.reason,
        });
        return true;
      });
      if (!removed) throw notFound("Your organisation has no “not a match” flag with this id.");
      return c.body(null, 204);
    });
}
