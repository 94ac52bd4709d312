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
