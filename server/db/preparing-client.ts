/**
 * A node-postgres client that prepares each statement once per connection, as far as
 * prepared-statements-policy.ts allows. Row-level security stays correct: PostgreSQL re-plans a
 * cached statement when the role changes. Names are given per connection, in order of first use.
 *
 * A statement can go stale while its connection lives: another API process, started on a newer
 * version, migrates the database under it (scale-out, rolling deploys). PostgreSQL then refuses
 * it, for example because a function it calls now returns other columns. That call fails, and the
 * statement is prepared again under a new name on its next call. It is not retried at once: the
 * client pipelines its queries, so when the error arrives it cannot tell whether the call was
 * part of a transaction, and running it again outside one could let a write escape a rollback.
 */
import pg from "pg";
import {
  isPreparable,
  isStalePreparedStatement,
  MAX_PREPARED_PER_CONNECTION,
} from "./prepared-statements-policy";

interface StatementConfig {
  text: string;
  name?: string;
}

type Callback = (error: Error | null, result?: unknown) => void;

function isUnnamedStatement(config: unknown, values: unknown): config is StatementConfig {
  if (!Array.isArray(values)) return false;
  if (typeof config !== "object" || config === null || "submit" in config) return false;
  const { text, name } = config as StatementConfig;
  return typeof text === "string" && name === undefined && isPreparable(text, values);
}

export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>();
  /** Names given so far on this connection, stale ones included: the server keeps those too. */
  #namesGiven = 0;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // pg's query() has many overloads; this only adds a name and passes everything on as it came.
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((config: unknown, values?: unknown, callback?: unknown) => {
      const named = this.#withName(config, values);
      if (named === config) return query(config, values, callback);
      const text = (config as StatementConfig).text;
      if (typeof callback === "function") {
        return query(named, values, (error: Error | null, result?: unknown) => {
          if (error) this.#forgetIfStale(text, error);
          (callback as Callback)(error, result);
        });
      }
      return (query(named, values) as Promise<unknown>).catch((error: unknown) => {
        this.#forgetIfStale(text, error);
        throw error;
      });
    }) as pg.Client["query"];
  }

  #withName(config: unknown, values: unknown): unknown {
    if (!isUnnamedStatement(config, values)) return config;
    let name = this.#names.get(config.text);
    if (name === undefined && this.#namesGiven < MAX_PREPARED_PER_CONNECTION) {
      name = `cosell_${this.#namesGiven++}`;
      this.#names.set(config.text, name);
    }
    return name === undefined ? config : { ...config, name };
  }

  #forgetIfStale(text: string, error: unknown): void {
    if (isStalePreparedStatement(error)) this.#names.delete(text);
  }
}
