/**
 * Prepared statements for PGlite, in the worker (pglite-worker.ts). PGlite's own `query` sends
 * Parse, Describe, Bind, Describe, Execute and Sync one message at a time, each a call into
 * PostgreSQL and a parse of its answer, and PostgreSQL parses and plans the statement every time.
 * For the API's short statements, that was most of their cost. Here a statement that
 * prepared-statements-policy.ts allows is parsed and described once, under a name, and each run
 * after that is Bind, Describe, Execute and Sync in one call. Values are serialised and rows parsed
 * by PGlite's own serialisers and parsers, by the types PostgreSQL described, exactly as in
 * PGlite's `query`. This is what preparing-client.ts does for node-postgres on PostgreSQL.
 *
 * Statements take PGlite's locks as its `query` does: a statement of its own waits for any open
 * transaction to end, and one in a transaction runs in it.
 */
import { type PGlite, parse, protocol, type Results, type Transaction } from "@electric-sql/pglite";
import { isPreparable, MAX_PREPARED_PER_CONNECTION } from "./prepared-statements-policy";

type Message = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];

interface Statement {
  name: string;
  parameterTypes: number[];
}

type RowMode = "array" | "object";

/**
 * Each runs one statement: prepared if the policy allows, otherwise through PGlite's `query`.
 */
export interface Statements {
  /** A statement of its own. */
  query(text: string, params: unknown[], rowMode: RowMode): Promise<Results>;
  /** A statement in `tx`, a transaction that PGlite's `transaction` has begun. */
  queryIn(tx: Transaction, text: string, params: unknown[], rowMode: RowMode): Promise<Results>;
}

export function preparedStatements(pglite: PGlite): Statements {
  const statements = new Map<string, Statement>();

  /** One call into PostgreSQL with every message at once; its error, if any, is thrown. */
  async function exchange(...messages: Uint8Array[]): Promise<Message[]> {
    const answer = await pglite.runExclusive(() =>
      pglite.execProtocolStream(concat(messages), { throwOnError: false, syncToFs: false }),
    );
    const error = answer.find((message) => message.name === "error");
    if (error) throw error;
    return answer;
  }

  async function prepare(text: string): Promise<Statement> {
    const known = statements.get(text);
    if (known) return known;
    const name = `cosell_${statements.size}`;
    const described = await exchange(
      protocol.serialize.parse({ name, text }),
      protocol.serialize.describe({ type: "S", name }),
      protocol.serialize.sync(),
    );
    const statement = { name, parameterTypes: parse.parseDescribeStatementResults(described) };
    statements.set(text, statement);
    return statement;
  }

  async function runPrepared(text: string, params: unknown[], rowMode: RowMode): Promise<Results> {
    const statement = await prepare(text);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pglite.serializers[statement.parameterTypes[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const answer = await exchange(
      protocol.serialize.bind({ statement: statement.name, values }),
      protocol.serialize.describe({ type: "P" }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    );
    return parse.parseResults(answer, pglite.parsers, { rowMode })[0]!;
  }

  const preparable = (text: string, params: unknown[]) =>
    isPreparable(text, params) && (statements.size < MAX_PREPARED_PER_CONNECTION || statements.has(text));

  return {
    query(text, params, rowMode) {
      if (!preparable(text, params)) return pglite.query(text, params, { rowMode });
      // PGlite's `query` holds this lock while it runs, and writes its files out after.
      return pglite._runExclusiveTransaction(async () => {
        const result = await runPrepared(text, params, rowMode);
        await pglite.syncToFs();
        return result;
      });
    },
    queryIn(tx, text, params, rowMode) {
      return preparable(text, params)
        ? runPrepared(text, params, rowMode)
        : tx.query(text, params, { rowMode });
    },
  };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}
