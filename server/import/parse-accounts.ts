import { CsvError, type Parser, parse } from "csv-parse";
import type { AccountInput } from "../../src/contract/accounts";
import { type ColumnMapping, type DetectColumnsOptions, detectColumns } from "./columns";
import type { DateOrder } from "./dates";
import { AccountsCsvError } from "./errors";
import { createRowReader } from "./row";

/** `line` is the physical line where the row starts in the file; the header is line 1. */
export type ParsedRow =
  | { line: number; ok: true; account: AccountInput }
  | { line: number; ok: false; reason: string };

export interface ParseAccountsOptions extends DetectColumnsOptions {
  /** How to read ambiguous dates such as 03/04/2024; "mdy" unless said otherwise. */
  dateOrder?: DateOrder;
  /** Called once, after the header is read and before the first row, with the columns that will be used. */
  onColumns?: (mapping: ColumnMapping) => void;
}

/**
 * Bounds the memory one record may take. Real account rows are a few kilobytes; a record this long is
 * almost always an unclosed quote swallowing the rest of the file.
 */
const MAX_RECORD_CHARS = 1_000_000;

/**
 * Streams accounts out of a CRM export, one result per data row. It reads the input one chunk at a time
 * and only when the consumer asks for more, so memory holds one chunk's rows whatever the file size.
 * Bad rows come out as `{ ok: false, reason }` and parsing goes on. Blank lines are skipped, and so are
 * one-cell lines after a blank line: that is the footer Salesforce Classic adds to report exports.
 * Duplicate crmIds are passed through as they come; the importer's upsert keeps the last one.
 * Throws AccountsCsvError for a file that cannot be read at all (unusable header, broken quoting),
 * after the rows that came before the problem.
 */
export async function* parseAccountsCsv(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer | string>,
  options: ParseAccountsOptions = {},
): AsyncGenerator<ParsedRow, void, undefined> {
  const parsed: string[][] = [];
  const parser = parse({
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_CHARS,
    // Records are collected here instead of read from the stream: a stream that errors drops what it had
    // buffered, and the rows parsed before a broken quote must still come out, in order, ahead of it.
    on_record: (record) => {
      parsed.push(record);
      return null;
    },
  });
  // Failures come back through the write and end callbacks; this only keeps 'error' from going unhandled.
  parser.on("error", () => {});

  let readRow: ReturnType<typeof createRowReader> | undefined;
  let nextLine = 1;
  let inFooter = false;

  function* rowsParsedSoFar(): Generator<ParsedRow> {
    for (const record of parsed.splice(0)) {
      const line = nextLine;
      nextLine += linesSpanned(record);
      if (isBlank(record)) {
        inFooter = readRow !== undefined;
        continue;
      }
      if (!readRow) {
        const mapping = detectColumns(record, options);
        options.onColumns?.(mapping);
        readRow = createRowReader(mapping, options);
        continue;
      }
      if (inFooter && record.length === 1) continue;
      inFooter = false;
      yield { line, ...readRow(record) };
    }
  }

  async function* settle(step: Promise<void>): AsyncGenerator<ParsedRow> {
    const failure = await step.then(
      () => undefined,
      (error: unknown) => error,
    );
    yield* rowsParsedSoFar();
    if (failure !== undefined) {
      throw failure instanceof CsvError ? describeCsvError(failure, nextLine) : failure;
    }
  }

  try {
    for await (const chunk of input) yield* settle(write(parser, chunk));
    yield* settle(finish(parser));
  } finally {
    parser.destroy();
  }
  if (!readRow) throw new AccountsCsvError("The file is empty: there is no header row.");
}

const write = (parser: Parser, chunk: Buffer | string) =>
  new Promise<void>((resolve, reject) => {
    parser.write(chunk, (error) => (error ? reject(error) : resolve()));
  });

const finish = (parser: Parser) =>
  new Promise<void>((resolve, reject) => {
    parser.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });

/**
 * A record takes one line plus the line breaks inside its quoted fields. Counted here because
 * csv-parse's own `info.lines` counts a CRLF inside quotes as two lines.
 */
function linesSpanned(record: readonly string[]): number {
  let lines = 1;
  for (const field of record) {
    if (field.includes("\n") || field.includes("\r")) lines += field.match(/\r\n|\r|\n/g)!.length;
  }
  return lines;
}

function isBlank(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === "");
}

function describeCsvError(error: CsvError, line: number): AccountsCsvError {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new AccountsCsvError(`Line ${line}: a quoted field in this row is never closed.`);
    case "CSV_MAX_RECORD_SIZE":
      return new AccountsCsvError(
        `Line ${line}: the row is longer than ${MAX_RECORD_CHARS.toLocaleString("en")} characters; ` +
          "is a quote left open?",
      );
    default:
      return new AccountsCsvError(`Line ${line}: ${error.message}`);
  }
}
