/**
 * The PGlite client Drizzle is given. Drizzle passes its own result parsers with every query, so
 * that dates, timestamps and intervals stay text as on node-postgres. PGlite merges a query's
 * parsers into its own table (several hundred entries: one per type and array type) on every
 * query, and that copy cost more than running a small query (60 µs of the 160 µs a lookup's token
 * check took). Here Drizzle's parsers are installed on the instance once, and queries are passed
 * on without them: the same rows, without the copy.
 */
import type { PGlite, QueryOptions, Transaction } from "@electric-sql/pglite";

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

/** What Drizzle's PGlite session calls on its client. */
type QueryClient = Pick<Transaction, "query">;

/**
 * Installs Drizzle's parsers on `pglite` (once it is ready: starting up replaces the parsers of
 * array types) and returns the client to give Drizzle.
 */
export function drizzleClient(pglite: PGlite): PGlite {
  for (const type of TEXT_TYPES) pglite.parsers[type] = keepText;
  const client: QueryClient & Pick<PGlite, "transaction"> = {
    query: passWithoutParsers(pglite),
    // Inside a transaction, Drizzle only ever queries (nested transactions are savepoints).
    transaction: (work) => pglite.transaction((tx) => work({ query: passWithoutParsers(tx) } as Transaction)),
  };
  return client as PGlite;
}

function passWithoutParsers(client: QueryClient): QueryClient["query"] {
  return (query, params, options?: QueryOptions) => {
    if (options?.parsers === undefined) return client.query(query, params, options);
    const { parsers: _installedOnTheInstance, ...rest } = options;
    return client.query(query, params, rest);
  };
}
