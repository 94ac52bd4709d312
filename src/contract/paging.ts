import * as z from "zod";

/**
 * The `limit` query parameter of a paged list. Every way it can be wrong gets the one message
 * that says what to send: zod's own would answer `?limit=ten` (or a limit given twice) with
 * "expected number, received NaN", and `?limit=` with "expected number to be >=1".
 */
export function pageLimit(max: number, byDefault: number) {
  const error = `Must be a whole number from 1 to ${max}, given once.`;
  return z.coerce.number({ error }).int({ error }).min(1, { error }).max(max, { error }).default(byDefault);
}

/** The `after` query parameter of a list paged by id: the `next` of the page before. */
export function afterId() {
  return z
    .string()
    .uuid()
    .optional()
    .meta({ param: { in: "query" }, description: "`next` from the previous page." });
}

/** What a list paged by id answers as `next`: the id to pass as `after`, or null on the last page. */
export function nextId() {
  return z
    .string()
    .uuid()
    .nullable()
    .meta({ description: "Pass as `after` for the next page; null at the end." });
}
