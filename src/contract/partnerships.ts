import * as z from "zod";
import { Relationship } from "./accounts";

export const SharedField = z
  .enum(["name", "relationship", "owner_name", "owner_email"])
  .meta({ id: "SharedField", description: "A field of an overlapping account that a partner may see." });
export type SharedField = z.infer<typeof SharedField>;

const distinct = <T>(values: T[]) => [...new Set(values)];

/** What an organisation shares with one partner. */
export const SharingRule = z
  .object({
    level: z.enum(["counts", "overlaps"]).meta({
      description:
        "`counts`: the partner sees overlap counts only. `overlaps`: it also sees which accounts overlap, in the listed populations, with the listed fields.",
    }),
    populations: z.array(Relationship).meta({ description: "Your relationships the partner may see." }),
    fields: z.array(SharedField),
  })
  .meta({ id: "SharingRule" });
export type SharingRule = z.infer<typeof SharingRule>;

/**
 * Sharing accounts is never implied: at the overlaps level the populations must be named, as the
 * CLI's `--share` must. Counts of every population are what partners share by default, so at the
 * counts level they may be left out.
 */
export const SharingRuleInput = z
  .object({
    level: z.enum(["counts", "overlaps"]),
    populations: z.array(Relationship).max(3).transform(distinct).optional().meta({
      description:
        "Required at the overlaps level: the populations whose accounts the partner may see. At the counts level, all three unless given.",
    }),
    fields: z
      .array(SharedField)
      .max(4)
      .default([])
      .transform(distinct)
      .meta({ description: "Only at the overlaps level: counts come with no accounts, so with no fields." }),
  })
  .refine((rule) => rule.level === "counts" || rule.populations !== undefined, {
    path: ["populations"],
    message: "Name the populations to share at the overlaps level: no accounts are shared by default.",
  })
  // Accepted, they would read back as shared while the partner sees none of them.
  .refine((rule) => rule.level === "overlaps" || rule.fields.length === 0, {
    path: ["fields"],
    message:
      "Fields are shared only with overlapping accounts: choose the overlaps level (and its populations), or leave the fields out.",
  })
  .transform((rule) => ({ ...rule, populations: rule.populations ?? [...Relationship.options] }))
  .meta({
    id: "SharingRuleInput",
    example: {
      level: "overlaps",
      populations: ["customer", "opportunity"],
      fields: ["name", "relationship"],
    },
  });
export type SharingRuleInput = z.infer<typeof SharingRuleInput>;

export const PartnershipSharing = z
  .object({
    youShare: SharingRule.meta({ description: "What your organisation shares with the partner." }),
    theyShare: SharingRule.meta({ description: "What the partner shares with your organisation." }),
  })
  .meta({ id: "PartnershipSharing" });
export type PartnershipSharing = z.infer<typeof PartnershipSharing>;

export const Partnership = z
  .object({
    id: z.string().uuid(),
    partner: z.object({ id: z.string().uuid(), name: z.string() }),
    createdAt: z.string().datetime({ offset: true }),
    sharing: PartnershipSharing,
  })
  .meta({ id: "Partnership" });
export type Partnership = z.infer<typeof Partnership>;

export const PartnershipList = z
  .object({ partnerships: z.array(Partnership) })
  .meta({ id: "PartnershipList" });
export type PartnershipList = z.infer<typeof PartnershipList>;

export const PartnershipParams = z.object({
  id: z
    .string()
    .uuid()
    .meta({ param: { in: "path", name: "id" } }),
});

export const MatrixCell = z
  .object({
    mine: Relationship.meta({ description: "Your relationship to the accounts." }),
    theirs: Relationship.meta({ description: "The partner's relationship to them." }),
    overlaps: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Matched pairs. Null when the partner does not share this population." }),
    accounts: z.number().int().nullable().meta({
      description:
        "Your accounts among those pairs, each once: an account the partner holds twice (duplicate records) is two overlaps and one account. Null with `overlaps`.",
    }),
  })
  .meta({ id: "MatrixCell" });

/** Overlap counts for every pair of populations: my customers × their customers, and so on. */
export const OverlapMatrix = z
  .object({
    partnershipId: z.string().uuid(),
    partner: z.object({ id: z.string().uuid(), name: z.string() }),
    cells: z.array(MatrixCell).meta({ description: "All nine pairs, yours by theirs." }),
    hiddenPopulations: z.array(Relationship).meta({
      description:
        "The partner's populations it does not share with you: their cells are null, and not counted.",
    }),
    total: z.number().int().meta({ description: "Overlaps in the cells shown." }),
    accounts: z.number().int().meta({
      description:
        "Your accounts in the cells shown, each once, even one in two cells (the partner holds it twice, with different relationships).",
    }),
  })
  .meta({ id: "OverlapMatrix" });
export type OverlapMatrix = z.infer<typeof OverlapMatrix>;
