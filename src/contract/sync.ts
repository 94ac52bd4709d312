import * as z from "zod";
import { PartnerProfile, PartnerTrackRecord, VendorSolutionMap } from "../scoring/schemas";
import { Segment } from "./accounts";
import { pageLimit } from "./paging";
import { PartnerInAccount } from "./partners";
import { UserSettings } from "./settings";

export { UserSettings } from "./settings";

export const SyncQuery = z.object({
  cursor: z
    .string()
    .max(512)
    .optional()
    .meta({
      param: { in: "query" },
      description: "The cursor from the previous response; omit for a full sync.",
    }),
  limit: pageLimit(5000, 1000).meta({ param: { in: "query" }, description: "Most records in one page." }),
});
export type SyncQuery = z.infer<typeof SyncQuery>;

/**
 * A partner present in one of the caller's accounts, as the extension caches it. The account's
 * industry, segment and region are what its partners' scores depend on (see ScoringBasis); they
 * default to null so that overlaps cached before they were synced still read back.
 */
export const SyncedOverlap = PartnerInAccount.extend({
  account: z.object({
    id: z.string().uuid(),
    crmId: z.string(),
    name: z.string(),
    industry: z.string().nullable().default(null),
    segment: Segment.nullable().default(null),
    region: z.string().nullable().default(null),
  }),
}).meta({ id: "SyncedOverlap" });
export type SyncedOverlap = z.infer<typeof SyncedOverlap>;

export const Tombstone = z
  .object({ entity: z.enum(["overlap", "intro"]), id: z.string() })
  .meta({ id: "Tombstone" });
export type Tombstone = z.infer<typeof Tombstone>;

/**
 * What the scores of the caller's partners depend on besides the account: the caller's solution map
 * and, per partner, its profile and track record. With it the extension scores the partners of
 * accounts it knows only from the feed, the same way the account lookup does.
 */
export const ScoringBasis = z
  .object({
    vendor: VendorSolutionMap.nullable(),
    partners: z.array(z.object({ profile: PartnerProfile, trackRecord: PartnerTrackRecord })),
  })
  .meta({ id: "ScoringBasis" });
export type ScoringBasis = z.infer<typeof ScoringBasis>;

/**
 * One page of the delta sync feed. Without a cursor the feed starts with everything the caller may
 * see (`reset: true` on its first page: drop the local cache); after that, only what changed,
 * with deletions and anything no longer visible as tombstones. Keep calling with `cursor` while
 * `hasMore` is true; a later call with the last cursor returns only newer changes.
 */
export const SyncResponse = z
  .object({
    cursor: z.string(),
    hasMore: z.boolean(),
    reset: z.boolean(),
    overlaps: z.array(SyncedOverlap),
    deleted: z.array(Tombstone),
    settings: UserSettings.nullable().meta({ description: "Present when the settings changed." }),
    scoring: ScoringBasis.nullable().meta({
      description:
        "Present on the first page of a full sync and on every page that carries a change; null on an empty delta.",
    }),
  })
  .meta({ id: "SyncResponse" });
export type SyncResponse = z.infer<typeof SyncResponse>;
