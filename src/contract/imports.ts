import * as z from "zod";
import { AccountInput, Relationship } from "./accounts";

/** A query parameter that may be given several times: a list, empty when it is not given. */
const repeatable = () =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

/** How `POST /v1/accounts/import` reads the CSV in its body. */
export const ImportQuery = z.object({
  format: z
    .enum(["auto", "salesforce", "hubspot"])
    .default("auto")
    .meta({
      param: { in: "query" },
      description: "The CRM the export comes from; auto-detected by default.",
    }),
  map: repeatable().meta({
    param: { in: "query" },
    description:
      "`<csv header>=<field>`, repeatable, for columns the format detection does not know. Fields: crmId, name, website, relationship, ownerName, ownerEmail, industry, segment, employees, region, updatedAt.",
    example: "Cust #=crmId",
  }),
  relationshipValue: repeatable().meta({
    param: { in: "query" },
    description:
      "`<value>=<relationship>`, repeatable, for the export's own relationship values (Salesforce account Types and HubSpot lifecycle stages are known). Case, spaces and punctuation in the value don't matter. Relationships: customer, opportunity, prospect.",
    example: "Kunde=customer",
  }),
  defaultRelationship: Relationship.optional().meta({
    param: { in: "query" },
    description:
      "For a file without a relationship column, and rows whose relationship is empty or not recognised (those are listed in `unrecognisedRelationships`). Prospect unless given.",
  }),
  dateOrder: z
    .enum(["mdy", "dmy"])
    .default("mdy")
    .meta({
      param: { in: "query" },
      description:
        "How to read a date such as 03/04/2024: month first (mdy) or day first (dmy), as the export's locale writes it. Dates with a part above 12, ISO dates and dotted dates read the same either way.",
    }),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const RowError = z
  .object({
    line: z.number().int().meta({ description: "The physical line in the file; the header is line 1." }),
    reason: z.string(),
  })
  .meta({ id: "RowError" });
export type RowError = z.infer<typeof RowError>;

export const UnrecognisedRelationships = z
  .object({
    rows: z.number().int().meta({ description: "Good rows whose relationship value was not recognised." }),
    importedAs: Relationship.meta({
      description: "The relationship those rows got: `defaultRelationship`, or prospect.",
    }),
    values: z
      .array(z.object({ value: z.string(), rows: z.number().int() }))
      .meta({ description: "The values as first spelled in the file, most rows first; at most 100." }),
  })
  .meta({ id: "UnrecognisedRelationships" });
export type UnrecognisedRelationships = z.infer<typeof UnrecognisedRelationships>;

const UpsertCounts = {
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
};

/** An import run, once its file was read. */
export const ImportRun = z
  .object({
    id: z.string().uuid(),
    source: z.string(),
    status: z.enum(["staging", "applied", "failed"]),
    rowsOk: z.number().int(),
    rowsFailed: z
      .number()
      .int()
      .meta({ description: "Every bad row, including those not listed in `errors`." }),
    errors: z.array(RowError).meta({ description: "The first 1000 bad rows." }),
    inserted: z.number().int().nullable().meta({ description: "Null until the run is applied." }),
    updated: z.number().int().nullable(),
    unchanged: z.number().int().nullable(),
    duplicates: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Good rows replaced by a later row with the same CRM id." }),
    unrecognisedRelationships: UnrecognisedRelationships.nullable().meta({
      description:
        "Relationship values the import did not recognise; null when it recognised them all, and until the run is applied. Map them with `relationshipValue` and import again.",
    }),
    failure: z.string().nullable().meta({ description: "Why a failed run stopped." }),
    startedAt: z.string().datetime({ offset: true }),
    finishedAt: z.string().datetime({ offset: true }).nullable(),
  })
  .meta({ id: "ImportRun" });
export type ImportRun = z.infer<typeof ImportRun>;

export const ImportRunParams = z.object({
  id: z
    .string()
    .uuid()
    .meta({ param: { in: "path", name: "id" } }),
});

/** Most accounts in one `POST /v1/accounts` call; larger lists go through the CSV import. */
export const MAX_ACCOUNTS_PER_BATCH = 1_000;

export const AccountBatch = z
  .object({ accounts: z.array(AccountInput).min(1).max(MAX_ACCOUNTS_PER_BATCH) })
  .meta({ id: "AccountBatch" });
export type AccountBatch = z.infer<typeof AccountBatch>;

export const AccountBatchResult = z.object(UpsertCounts).meta({ id: "AccountBatchResult" });
export type AccountBatchResult = z.infer<typeof AccountBatchResult>;
