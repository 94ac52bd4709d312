/**
 * Prepared statements for PGlite, in the worker (pglite-worker.ts). PGlite's own `query` sends
 * Parse, Describe, Bind, Describe, Execute and Sync one message at a time, each a call into
 * PostgreSQL and a parse of its answer, and PostgreSQL parses and plans the statement every time.
 * For the API's short statements, that was most of their cost. Here a statement that
 * prepared-statements-policy.ts allows is parsed and described once, under a name, and each run
 * after that is Bind, Execute and Sync in one call: its columns are known from preparing it. This
 * is what preparing-client.ts does for node-postgres on PostgreSQL.
 *
 * Values are serialised and rows parsed by PGlite's own serialisers and parsers, by the types
 * PostgreSQL described, as in PGlite's `query`. The answer is read with node-postgres's protocol
 * parser (pg-protocol), which reads each field where it lies: PGlite's copies every field first,
 * and that was a fifth of a lookup's time in the worker.
 *
 * Statements take PGlite's locks as its `query` does: a statement of its own waits for any open
 * transaction to end, and one in a transaction runs in it.
 */
import { type PGlite, parse, protocol, type Results, type Transaction } from "@electric-sql/pglite";
import type {
  BackendMessage,
  CommandCompleteMessage,
  DatabaseError,
  DataRowMessage,
} from "pg-protocol/dist/messages";
import { Parser } from "pg-protocol/dist/parser";
import {
  isPreparable,
  isStalePreparedStatement,
  MAX_PREPARED_PER_CONNECTION,
} from "./prepared-statements-policy";

interface Statement {
  name: string;
  parameterTypes: number[];
  /** The columns of its rows, as Describe told them: the same on every run. */
  fields: { name: string; dataTypeID: number }[];
}

type RowMode = "array" | "object";

/** The commands whose count PGlite adds to `affectedRows`. */
const COUNTED_COMMANDS = ["INSERT", "UPDATE", "DELETE", "COPY", "MERGE"];

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
  let nextName = 0;

  /** Parses and describes `text` under a new name; the caller holds PGlite's query lock. */
  async function prepare(text: string): Promise<Statement> {
    const name = `cosell_${nextName++}`;
    const described = await pglite.execProtocolStream(
      Buffer.concat([
        protocol.serialize.parse({ name, text }),
        protocol.serialize.describe({ type: "S", name }),
        protocol.serialize.sync(),
      ]),
      { throwOnError: false, syncToFs: false },
    );
    const error = described.find((message) => message.name === "error");
    // A statement that does not parse is not kept: running it again reports its error again.
    if (error) throw error;
    const columns = described.find((message) => message.name === "rowDescription") as
      | { fields: { name: string; dataTypeID: number }[] }
      | undefined;
    const statement = {
      name,
      parameterTypes: parse.parseDescribeStatementResults(described),
      fields: (columns?.fields ?? []).map(({ name, dataTypeID }) => ({ name, dataTypeID })),
    };
    statements.set(text, statement);
    return statement;
  }

  /** Binds and runs `text`, preparing it first if need be; the caller holds PGlite's query lock. */
  async function run(text: string, params: unknown[], rowMode: RowMode): Promise<Results> {
    const statement = statements.get(text) ?? (await prepare(text));
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pglite.serializers[statement.parameterTypes[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const result = readResults(statement.fields, rowMode);
    await pglite.execProtocolRawStream(
      Buffer.concat([
        protocol.serialize.bind({ statement: statement.name, values }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
      // PGlite's own handler would parse the answer with its parser first; this one does not.
      { syncToFs: false, onRawData: result.read },
    );
    return result.done();
  }

  /**
   * Runs `text` prepared, holding PGlite's query lock from preparing to the last row, as PGlite's
   * own `tx.query` does: nothing (a transaction's end, say) can come in between.
   */
  function runPrepared(text: string, params: unknown[], rowMode: RowMode, inTransaction: boolean) {
    return pglite.runExclusive(async () => {
      try {
        return await run(text, params, rowMode);
      } catch (error) {
        if (!isStalePreparedStatement(error)) throw error;
        // The schema changed under the statement since it was prepared: prepare it again. In a
        // transaction the error has already aborted it, so only the next run can benefit.
        statements.delete(text);
        if (inTransaction) throw error;
        return run(text, params, rowMode);
      }
    });
  }

  /**
   * The rows of one run, as PGlite's `parseResults` makes them, read with node-postgres's protocol
   * parser, which reads each field where it lies; PGlite's copies every field before reading it.
   */
  function readResults(fields: Statement["fields"], rowMode: RowMode) {
    const parser = new Parser();
    const rows: unknown[] = [];
    let affectedRows = 0;
    let error: DatabaseError | undefined;
    const value = (text: string | null, i: number) => {
      if (text === null) return null;
      const type = fields[i]!.dataTypeID;
      const parse = pglite.parsers[type];
      return parse ? parse(text, type) : text;
    };
    const onMessage = (message: BackendMessage) => {
      if (message.name === "dataRow") {
        const texts = (message as DataRowMessage).fields;
        if (rowMode === "array") rows.push(texts.map(value));
        else {
          const row: Record<string, unknown> = {};
          for (let i = 0; i < texts.length; i++) row[fields[i]!.name] = value(texts[i]!, i);
          rows.push(row);
        }
      } else if (message.name === "commandComplete") {
        const words = (message as CommandCompleteMessage).text.split(" ");
        if (COUNTED_COMMANDS.includes(words[0]!)) affectedRows += Number.parseInt(words.at(-1)!, 10);
      } else if (message.name === "error") error = message as DatabaseError;
    };
    // An exception must not get out of `read`: it is called from inside PostgreSQL (WebAssembly),
    // and PGlite's instance does not recover from an exception passing through it there.
    let failure: unknown;
    return {
      // The chunk is PGlite's memory, reused once this returns: the parser gets a copy.
      read(chunk: Uint8Array): void {
        if (failure !== undefined) return;
        try {
          parser.parse(Buffer.from(chunk), onMessage);
        } catch (thrown) {
          failure = thrown ?? new Error("Reading the answer failed.");
        }
      },
      done(): Results {
        if (failure !== undefined) throw failure;
        if (error) throw error;
        // PGlite types rows as objects; in array mode they are arrays, as from its own `query`.
        return { rows: rows as Results["rows"], fields, affectedRows };
      },
    };
  }

  const preparable = (text: string, params: unknown[]) =>
    isPreparable(text, params) && (statements.size < MAX_PREPARED_PER_CONNECTION || statements.has(text));

  return {
    query(text, params, rowMode) {
      if (!preparable(text, params)) return pglite.query(text, params, { rowMode });
      // PGlite's `query` holds this lock while it runs, and writes its files out after.
      return pglite._runExclusiveTransaction(async () => {
        const result = await runPrepared(text, params, rowMode, false);
        await pglite.syncToFs();
        return result;
      });
    },
    queryIn(tx, text, params, rowMode) {
      return preparable(text, params)
        ? runPrepared(text, params, rowMode, true)
        : tx.query(text, params, { rowMode });
    },
  };
}
