/**
 * A node-postgres client that prepares each statement once per connection, as far as
 * prepared-statements-policy.ts allows. Row-level security stays correct: PostgreSQL re-plans a
 * cached statement when the role changes. Names are given per connection, in order of first use.
 */
import pg from "pg";
import { isPreparable, MAX_PREPARED_PER_CONNECTION } from "./prepared-statements-policy";

interface StatementConfig {
  text: string;
  name?: string;
}

function isUnnamedStatement(config: unknown, values: unknown): config is StatementConfig {
  if (!Array.isArray(values)) return false;
  if (typeof config !== "object" || config === null || "submit" in config) return false;
  const { text, name } = config as StatementConfig;
  return typeof text === "string" && name === undefined && isPreparable(text, values);
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
