/**
 * A node-postgres client that prepares each statement once per connection.
 *
 * Drizzle sends every query as an unnamed statement, which PostgreSQL parses and plans anew each
 * time. For the short queries of an API request that is most of the work: measured on the account
 * lookup, parsing and planning took several times longer than running. A named statement is parsed
 * once per connection, and after a few runs PostgreSQL keeps a generic plan for it. Row-level
 * security stays correct: PostgreSQL re-plans a cached statement when the role changes.
 *
 * Only statements with parameters are named: the others go through the simple query protocol,
 * which may carry several statements (migrations) and cannot be prepared. Names are given per
 * connection, in order of first use. Statement texts that vary without end (bulk inserts with one
 * placeholder per row) would pile up prepared statements in the server, so long texts and texts
 * past a fixed number stay unnamed.
 */
import pg from "pg";

/** Bulk statements are long and each is unique; the repeated ones are short. */
const MAX_PREPARED_TEXT = 4_000;
const MAX_PREPARED_PER_CONNECTION = 500;

interface StatementConfig {
  text: string;
  name?: string;
}

function isUnnamedStatement(config: unknown, values: unknown): config is StatementConfig {
  if (!Array.isArray(values) || values.length === 0) return false;
  if (typeof config !== "object" || config === null || "submit" in config) return false;
  const { text, name } = config as StatementConfig;
  return typeof text === "string" && name === undefined && text.length <= MAX_PREPARED_TEXT;
}

export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>();

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // pg's query() has many overloads; this only adds a name and passes everything on as it came.
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((config: unknown, values?: unknown, callback?: unknown) =>
      query(this.#withName(config, values), values, callback)) as pg.Client["query"];
  }

  #withName(config: unknown, values: unknown): unknown {
    if (!isUnnamedStatement(config, values)) return config;
    let name = this.#names.get(config.text);
    if (name === undefined && this.#names.size < MAX_PREPARED_PER_CONNECTION) {
      name = `cosell_${this.#names.size}`;
      this.#names.set(config.text, name);
    }
    return name === undefined ? config : { ...config, name };
  }
}
