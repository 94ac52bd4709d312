import * as z from "zod";
// The schemas only: the extension bundles this contract, and needs no scoring code.
import { PartnerScore } from "../scoring/partner-score";
import { Relationship } from "./accounts";

/** How the sidebar asks "which partners are in this account?". */
export const AccountLookupQuery = z.object({
  crmId: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .meta({ param: { in: "query" }, example: "001Dn00000AbCdE" }),
});
export type AccountLookupQuery = z.infer<typeof AccountLookupQuery>;

export const MatchInfo = z
  .object({
    method: z.enum(["domain", "name"]),
    confidence: z.number().min(0).max(1),
    matchedOn: z.string(),
  })
  .meta({ id: "MatchInfo" });

/** One partner present in an account, limited to what that partner shares. */
export const PartnerInAccount = z
  .object({
    overlapId: z.string().uuid(),
    partner: z.object({ id: z.string().uuid(), name: z.string() }),
    relationship: Relationship.nullable().meta({ description: "Null when the partner does not share it." }),
    partnerAccountName: z.string().nullable(),
    owner: z.object({ name: z.string().nullable(), email: z.string().nullable() }).nullable(),
    match: MatchInfo,
    score: PartnerScore.nullable().optional().meta({
      description:
        "How complementary this partner is in this account, and why. The account lookup always scores; elsewhere (the sync feed) it may be missing.",
    }),
  })
  .meta({ id: "PartnerInAccount" });
export type PartnerInAccount = z.infer<typeof PartnerInAccount>;

export const AccountPartners = z
  .object({
    account: z.object({ id: z.string().uuid(), crmId: z.string(), name: z.string() }).nullable(),
    partners: z.array(PartnerInAccount),
  })
  .meta({ id: "AccountPartners" });
export type AccountPartners = z.infer<typeof AccountPartners>;
