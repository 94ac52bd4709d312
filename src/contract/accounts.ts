import * as z from "zod";

/**
 * The partner's (or our own) relationship to an account, strongest first. Not a named OpenAPI
 * component: a nullable reference to a component is written as `allOf`, which would wrongly forbid
 * null in the published schema.
 */
export const Relationship = z.enum(["customer", "opportunity", "prospect"]);
export type Relationship = z.infer<typeof Relationship>;

/** Company size bands used for target segments and the overlap matrix (inlined, like Relationship). */
export const Segment = z.enum(["smb", "mid_market", "enterprise"]);
export type Segment = z.infer<typeof Segment>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/**
 * Most distinct websites one account may list. Generous on purpose: a multinational's CRM record can
 * carry a site per country (HubSpot's "Additional Domains"), and refusing it would drop the account.
 */
export const MAX_WEBSITES = 200;

/** Trimmed websites without repeats (ignoring case), in first-seen order. */
const distinctWebsites = (websites: string[]) => {
  const seen = new Set<string>();
  return websites.filter((website) => {
    const key = website.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const UTC_OFFSET_HOURS = /[+-](\d{2}):\d{2}$/;
const SECOND_FRACTION = /\.(\d+)/;

/** One account as an organisation loads it, by CSV import or through the API. */
export const AccountInput = z
  .object({
    crmId: z.string().trim().min(1).max(255),
    name: z.string().trim().min(1).max(500),
    // Counted after repeats are dropped, so an export that lists a site twice is not refused for it.
    websites: z
      .array(z.string().trim().min(1).max(2048))
      .transform(distinctWebsites)
      .pipe(
        z.array(z.string()).max(MAX_WEBSITES, {
          error: (issue) =>
            `Lists ${(issue.input as unknown[]).length} different websites; an account may have at most ${MAX_WEBSITES}`,
        }),
      )
      .default([])
      .meta({ description: `Up to ${MAX_WEBSITES} different websites; repeats (ignoring case) count once.` }),
    relationship: Relationship,
    ownerName: optionalText(200),
    ownerEmail: z.string().trim().email().max(320).nullable().optional(),
    industry: optionalText(120),
    segment: Segment.nullable().optional(),
    region: optionalText(120),
    updatedAt: z
      .string()
      .datetime({ offset: true })
      // ISO 8601 has a year 0000 (1 BC); PostgreSQL reads it as out of range.
      .refine((value) => !value.startsWith("0000"), "Must be a date from the year 1 on.")
      // PostgreSQL refuses a UTC offset of 16 hours or more (no time zone is more than 14 hours
      // from UTC) and overlong timestamps; nothing emits more than nanoseconds.
      .refine(
        (value) => Number(UTC_OFFSET_HOURS.exec(value)?.[1] ?? 0) < 16,
        "Must have a UTC offset between -15:59 and +15:59.",
      )
      .refine(
        (value) => (SECOND_FRACTION.exec(value)?.[1]?.length ?? 0) <= 9,
        "Must give the seconds to at most 9 decimal places.",
      )
      .nullable()
      .optional(),
  })
  .meta({ id: "AccountInput" });
export type AccountInput = z.infer<typeof AccountInput>;
