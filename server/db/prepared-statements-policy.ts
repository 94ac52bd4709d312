/**
 * Which statements the API prepares, on PostgreSQL (preparing-client.ts) and on PGlite
 * (pglite-statements.ts) alike.
 *
 * Drizzle sends every query as an unnamed statement, which PostgreSQL parses and plans anew each
 * time. For the short queries of an API request that is most of the work. A named statement is
 * parsed once per connection, and after a few runs PostgreSQL keeps a generic plan for it.
 *
 * - Only statements with parameters are named: the others may carry several statements
 *   (migrations), and are rarely repeated.
 * - Statement texts that vary without end (bulk inserts with one placeholder per row) would pile up
 *   prepared statements in the server, so long texts and texts past a fixed number stay unnamed.
 * - Statements with an array parameter stay unnamed. They are the set-at-a-time statements of
 *   imports and matching (`= any($1)`, `unnest($1)`), whose best plan depends on how many elements
 *   the array holds, and a generic plan guesses a few: measured on matching 100,000 accounts, it
 *   made one candidate query take over a second instead of a few milliseconds.
 */

export const MAX_PREPARED_PER_CONNECTION = 500;
const MAX_PREPARED_TEXT = 4_000;

export function isPreparable(text: string, params: readonly unknown[]): boolean {
  return params.length > 0 && text.length <= MAX_PREPARED_TEXT && !params.some(Array.isArray);
}

/**
 * PostgreSQL's errors for a prepared statement that no longer fits the schema ("cached plan must
 * not change result type", after a migration changed what it returns) or no longer exists (after
 * DEALLOCATE). Prepared again, the same text works.
 */
export function isStalePreparedStatement(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "0A000" || code === "26000";
}
