import { and, desc, eq, lt } from "drizzle-orm";
import * as z from "zod";
import type { AuditPage } from "../../../src/contract/audit";
import { auditLog, users } from "../../db/schema";
import { ApiError } from "../../http/errors";
import { createRouter } from "../../http/router";
import { decodeCursor, encodeCursor } from "../../sync/cursor";
import { auditLogPage } from "./audit.routes";

/** Keyset position: the id of the last entry sent (ids only grow, so "older" is "smaller id"). */
const AuditCursor = z.object({ v: z.literal(1), before: z.number().int().positive() }).strict();

export function auditRoutes() {
  return createRouter().openapi(auditLogPage, async (c) => {
    const caller = c.get("caller");
    if (caller.role !== "admin") throw new ApiError(403, "forbidden", "Only admins can read the audit log.");
    const { cursor, limit } = c.req.valid("query");
    const before = cursor === undefined ? undefined : decodeCursor(cursor, AuditCursor).before;
    const found = await c.get("scoped")((tx) =>
      tx
        .select({
          id: auditLog.id,
          at: auditLog.at,
          actorId: users.id,
          actorEmail: users.email,
          action: auditLog.action,
          subject: auditLog.subject,
          details: auditLog.details,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .where(
          and(eq(auditLog.orgId, caller.orgId), before === undefined ? undefined : lt(auditLog.id, before)),
        )
        .orderBy(desc(auditLog.id))
        .limit(limit + 1),
    );
    const entries = found.slice(0, limit);
    const body: AuditPage = {
      entries: entries.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        actor: row.actorId && row.actorEmail ? { id: row.actorId, email: row.actorEmail } : null,
        action: row.action,
        subject: row.subject,
        details: row.details as Record<string, unknown>,
      })),
      nextCursor: found.length > limit ? encodeCursor({ v: 1, before: entries.at(-1)!.id }) : null,
    };
    return c.json(body, 200);
  });
}
