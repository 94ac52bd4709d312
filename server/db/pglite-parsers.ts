/**
 * Drizzle keeps dates, timestamps and intervals as text, as node-postgres does, by passing its own
 * result parsers with every PGlite query. PGlite merges a query's parsers into its own table
 * (several hundred entries: one per type and array type) on every query, and that copy cost more
 * than running a small query. The worker installs the same parsers on the instance once instead,
 * and queries go without them: the same rows, without the copy.
 */
import type { PGlite } from "@electric-sql/pglite";

const keepText = (value: string) => value;

/** Drizzle's parsers (drizzle-orm/pglite/session.js), by type OID: these types stay as text. */
const TEXT_TYPES = [
  1114, // timestamp
  1184, // timestamptz
  1186, // interval
  1082, // date
  1231, // numeric[]
  1115, // timestamp[]
  1185, // timestamptz[]
  1187, // interval[]
  1182, // date[]
];

/** Call once `pglite` is ready: starting up replaces the parsers of array types. */
export function installTextParsers(pglite: PGlite): void {
  for (const type of TEXT_TYPES) pglite.parsers[type] = keepText;
}
