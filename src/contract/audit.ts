import * as z from "zod";
import { pageLimit } from "./paging";

export const AuditQuery = z.object({
  cursor: z
    .string()
    .max(512)
    .optional()
    .meta({ param: { in: "query" }, description: "`nextCursor` of the previous page; omit for the newest." }),
  limit: pageLimit(500, 100).meta({ param: { in: "query" }, description: "Most entries in one page." }),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** Something security-relevant that happened in the organisation. */
export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string().datetime({ offset: true }),
    actor: z
      .object({ id: z.string().uuid(), email: z.string() })
      .nullable()
      .meta({ description: "Null for the system, an administrator's command line, or a deleted user." }),
    action: z.string().meta({ example: "auth.sign_in" }),
    subject: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z
  .object({
    entries: z.array(AuditEntry).meta({ description: "Newest first." }),
    nextCursor: z.string().nullable().meta({ description: "Null on the last page." }),
  })
  .meta({ id: "AuditPage" });
export type AuditPage = z.infer<typeof AuditPage>;
