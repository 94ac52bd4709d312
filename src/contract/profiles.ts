import * as z from "zod";
import { PartnerProfile, PartnerTrack } from "../scoring/schemas";
import { SolutionArea } from "../scoring/solution-areas";

const offerings = z.array(z.string().trim().min(1).max(200)).max(20);

/** What an admin sends to describe their organisation to its partners; it replaces the whole profile. */
export const ProfileInput = z
  .object({
    solutionAreas: z
      .array(SolutionArea)
      .max(SolutionArea.options.length)
      .refine((areas) => new Set(areas).size === areas.length, "List each solution area once.")
      .meta({ description: "What the organisation does for a customer, from the solution area catalogue." }),
    offerings: offerings
      .default([])
      .meta({ description: "One-liners partners see as written, e.g. “Salesforce rollouts for retailers”." }),
    track: PartnerTrack,
    coSellOptIn: z.boolean().meta({ description: "Whether its reps take part in co-selling." }),
  })
  .meta({ id: "ProfileInput" });
export type ProfileInput = z.infer<typeof ProfileInput>;

/** An organisation's profile as it and its partners see it. */
export const OrgProfile = PartnerProfile.extend({
  offerings,
  updatedAt: z.string().datetime({ offset: true }).nullable().meta({
    description:
      "Null until the organisation has described itself; until then it offers nothing and hasn't opted in.",
  }),
}).meta({ id: "OrgProfile" });
export type OrgProfile = z.infer<typeof OrgProfile>;

export const PartnerOrgParams = z.object({
  orgId: z
    .string()
    .uuid()
    .meta({ param: { in: "path" }, example: "5a0c7a4e-0d5f-4c1e-9a43-0d1b2f6c0001" }),
});
