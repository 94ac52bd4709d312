import * as z from "zod";
import { Relationship } from "./accounts";
import { afterId, nextId, pageLimit } from "./paging";
import { MatchInfo } from "./partners";

/** How a match was made, and the same in one plain sentence for a sales rep. */
export const ExplainedMatch = MatchInfo.extend({
  explanation: z.string().meta({ example: "Same website domain: acme.com (99% confident)" }),
}).meta({ id: "ExplainedMatch" });
export type ExplainedMatch = z.infer<typeof ExplainedMatch>;

/** One of your accounts that a partner also has, limited to what the partner shares. */
export const Overlap = z
  .object({
    overlapId: z.string().uuid(),
    account: z.object({
      id: z.string().uuid(),
      crmId: z.string(),
      name: z.string(),
      relationship: Relationship,
    }),
    partner: z.object({ id: z.string().uuid(), name: z.string() }),
    partnerAccount: z.object({
      name: z.string().nullable().meta({ description: "Null when the partner does not share it." }),
      relationship: Relationship.nullable(),
      owner: z.object({ name: z.string().nullable(), email: z.string().nullable() }).nullable(),
    }),
    match: ExplainedMatch,
  })
  .meta({ id: "Overlap" });
export type Overlap = z.infer<typeof Overlap>;

export const OverlapListQuery = z.object({
  partnershipId: z
    .string()
    .uuid()
    .optional()
    .meta({ param: { in: "query" }, description: "Only overlaps with this partnership's partner." }),
  population: Relationship.optional().meta({
    param: { in: "query" },
    description: "Only your accounts with this relationship.",
  }),
  after: afterId(),
  limit: pageLimit(1000, 200).meta({ param: { in: "query" } }),
});
export type OverlapListQuery = z.infer<typeof OverlapListQuery>;

export const OverlapList = z
  .object({
    overlaps: z.array(Overlap),
    next: nextId(),
  })
  .meta({ id: "OverlapList" });
export type OverlapList = z.infer<typeof OverlapList>;

export const OverlapParams = z.object({
  overlapId: z
    .string()
    .uuid()
    .meta({ param: { in: "path", name: "overlapId" } }),
});

export const NotAMatchRequest = z
  .object({ reason: z.string().trim().max(500).optional() })
  .meta({ id: "NotAMatchRequest" });
export type NotAMatchRequest = z.infer<typeof NotAMatchRequest>;

/** A "not a match" flag: it hides the overlap from both organisations. */
export const OverlapCorrection = z
  .object({
    overlapId: z.string().uuid(),
    markedBy: z
      .enum(["you", "partner"])
      .meta({ description: "Your organisation, or the partner (whose reason is not shown)." }),
    reason: z.string().nullable(),
    markedAt: z.string().datetime({ offset: true }),
  })
  .meta({ id: "OverlapCorrection" });
export type OverlapCorrection = z.infer<typeof OverlapCorrection>;
