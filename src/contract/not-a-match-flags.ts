import * as z from "zod";
import { afterId, nextId, pageLimit } from "./paging";

/**
 * One of your organisation's "not a match" flags. It is kept by both accounts' CRM ids, so it stays
 * when the overlap it was set on is deleted and re-created, and goes on hiding the pair.
 */
export const NotAMatchFlag = z
  .object({
    id: z.string().uuid(),
    account: z.object({
      crmId: z.string(),
      name: z.string().nullable().meta({ description: "Null when the account is no longer in your data." }),
    }),
    partner: z.object({
      id: z.string().uuid(),
      name: z.string().nullable().meta({ description: "Null when you are no longer partnered." }),
    }),
    reason: z.string().nullable(),
    markedBy: z
      .object({ id: z.string().uuid(), email: z.string() })
      .nullable()
      .meta({ description: "Null when that user has been deleted." }),
    markedAt: z.string().datetime({ offset: true }),
  })
  .meta({ id: "NotAMatchFlag" });
export type NotAMatchFlag = z.infer<typeof NotAMatchFlag>;

export const NotAMatchFlagListQuery = z.object({
  after: afterId(),
  limit: pageLimit(1000, 200).meta({ param: { in: "query" } }),
});
export type NotAMatchFlagListQuery = z.infer<typeof NotAMatchFlagListQuery>;

export const NotAMatchFlagList = z
  .object({
    flags: z.array(NotAMatchFlag),
    next: nextId(),
  })
  .meta({ id: "NotAMatchFlagList" });
export type NotAMatchFlagList = z.infer<typeof NotAMatchFlagList>;

export const NotAMatchFlagParams = z.object({
  flagId: z
    .string()
    .uuid()
    .meta({ param: { in: "path", name: "flagId" } }),
});
