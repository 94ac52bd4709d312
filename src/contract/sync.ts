import * as z from "zod";
import { PartnerInAccount } from "./partners";

export const SyncQuery = z.object({
  cursor: z
    .string()
    .max(512)
    .optional()
    .meta({
      param: { in: "query" },
      description: "The cursor from the previous response; omit for a full sync.",
    }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(5000)
    .default(1000)
    .meta({ param: { in: "query" }, description: "Most records in one page." }),
});
export type SyncQuery = z.infer<typeof SyncQuery>;

/** A partner present in one of the caller's accounts, as the extension caches it. */
export const SyncedOverlap = PartnerInAccount.extend({
  account: z.object({ id: z.string().uuid(), crmId: z.string(), name: z.string() }),
}).meta({ id: "SyncedOverlap" });
export type SyncedOverlap = z.infer<typeof SyncedOverlap>;

export const Tombstone = z
  .object({ entity: z.enum(["overlap", "intro"]), id: z.string() })
  .meta({ id: "Tombstone" });
export type Tombstone = z.infer<typeof Tombstone>;

export const UserSettings = z
  .object({ sidebarCollapsed: z.boolean().default(false) })
  .meta({ id: "UserSettings" });
export type UserSettings = z.infer<typeof UserSettings>;

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
  })
  .meta({ id: "SyncResponse" });
export type SyncResponse = z.infer<typeof SyncResponse>;
