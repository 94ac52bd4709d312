import { CsvError, type Options, type Parser, parse } from "csv-parse";
import type { AccountInput } from "../../src/contract/accounts";
import { type ColumnMapping, type DetectColumnsOptions, detectColumns } from "./columns";
import type { DateOrder } from "./dates";
import { AccountsCsvError } from "./errors";
import { createRowReader } from "./row";
import type { RelationshipValues } from "./values";

/**
 * `line` is the physical line where the row starts in the file; the header is line 1. A good row whose
 * relationship value was not recognised carries that value, and has the default relationship.
 */
export type ParsedRow =
  | { line: number; ok: true; account: AccountInput; unrecognisedRelationship?: string }
  | { line: number; ok: false; reason: string };

export interface ParseAccountsOptions extends DetectColumnsOptions {
  /** How to read ambiguous dates such as 03/04/2024; "mdy" unless said otherwise. */
  dateOrder?: DateOrder;
  /** The export's own relationship values (see `toRelationship`). */
  relationshipValues?: RelationshipValues;
  /** Called once, after the header is read and before the first row, with the columns that will be used. */
  onColumns?: (mapping: ColumnMapping) => void;
}

/**
 * Bounds the memory one record may take. Real account rows are a few kilobytes; a record this long is
 * almost always an unclosed quote swallowing the rest of the file.
 */
const MAX_RECORD_CHARS = 1_000_000;
/** Salesforce's footer is a handful of lines; more one-cell rows than this are a one-column file's data. */
const MAX_FOOTER_LINES = 20;

const CSV_OPTIONS = {
  bom: true,
  relax_column_count: true,
  relax_quotes: true,
  max_record_size: MAX_RECORD_CHARS,
  // Any line ending ends a record, wherever it is: left to itself csv-parse keeps the first line's for the
  // whole file, and files joined or edited by hand mix them. "\r\n" comes first so that it is one line break.
  record_delimiter: ["\r\n", "\n", "\r"],
} satisfies Options;

/**
 * Streams accounts out of a CRM export, one result per data row. It reads the input one chunk at a time
 * and only when the consumer asks for more, so memory holds one chunk's rows whatever the file size.
 * Bad rows come out as `{ ok: false, reason }` and parsing goes on. Blank lines are skipped, and so are
 * the few one-cell lines after a blank line that end the file: the footer Salesforce Classic adds to
 * report exports.
 * Duplicate crmIds are passed through as they come; the importer's upsert keeps the last one.
 * The file is read as UTF-8, or as UTF-16 when it starts with that byte order mark; fields are separated by
 * commas, or by the semicolons or tabs of the header line when it has no comma (see `readHeaderDelimiter`).
 * Throws AccountsCsvError for a file that cannot be read at all (another encoding, unusable header, broken
 * quoting), after the rows that came before the problem, and for one with no rows under its header.
 */
export async function* parseAccountsCsv(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer | string>,
  options: ParseAccountsOptions = {},
): AsyncGenerator<ParsedRow, void, undefined> {
  const parsed: string[][] = [];
  let readRow: ReturnType<typeof createRowReader> | undefined;
  let nextLine = 1;
  let rowsRead = 0;
  let inFooter = false;
  // One-cell rows after a blank line, held back: at the end of the file they are the footer, and they are
  // dropped; a longer row after them shows they were data, and they are read like any row.
  const heldAsFooter: { line: number; record: string[] }[] = [];

  function* rowsParsedSoFar(): Generator<ParsedRow> {
    for (const record of parsed.splice(0)) {
      const line = nextLine;
      nextLine += linesSpanned(record);
      if (isBlank(record)) {
        inFooter = readRow !== undefined;
        continue;
      }
      if (!readRow) {
        assertNoNul(record, line);
        const mapping = detectColumns(record, options);
        options.onColumns?.(mapping);
        readRow = createRowReader(mapping, options);
        continue;
      }
      if (inFooter && record.length === 1 && heldAsFooter.length < MAX_FOOTER_LINES) {
        heldAsFooter.push({ line, record });
        continue;
      }
      inFooter = false;
      for (const held of heldAsFooter.splice(0)) {
        rowsRead++;
        yield { line: held.line, ...readRow(held.record) };
      }
      rowsRead++;
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

  const text = decodeText(input);
  let parser: Parser | undefined;
  try {
    const { delimiter, head } = await readHeaderDelimiter(text);
    const csv = parse({
      ...CSV_OPTIONS,
      delimiter,
      // Records are collected here instead of read from the stream: a stream that errors drops what it had
      // buffered, and the rows parsed before a broken quote must still come out, in order, ahead of it.
      on_record: (record) => {
        parsed.push(record);
        return null;
      },
    });
    parser = csv;
    // Failures come back through the write and end callbacks; this only keeps 'error' from going unhandled.
    csv.on("error", () => {});
    for (const chunk of head) yield* settle(write(csv, chunk));
    for await (const chunk of text) yield* settle(write(csv, chunk));
    yield* settle(finish(csv));
  } finally {
    parser?.destroy();
    // Closes the input when the consumer stopped before the header was parsed.
    await text.return();
  }
  if (!readRow) throw new AccountsCsvError("The file is empty: there is no header row.");
  // Imported, it would be an applied import of nothing, which an admin could take for a loaded list.
  if (rowsRead === 0) {
    throw new AccountsCsvError(
      "The file has a header but no rows under it: there are no accounts to import. Is it an export of an empty report or list?",
    );
  }
}

/**
 * European Excel separates fields with semicolons, and its "Unicode Text" with tabs. The delimiter is chosen
 * from the header alone, since a data row of a comma file may well hold a semicolon ("a.com; b.com"): a
 * header that reads as one field (no comma outside quotes) but holds semicolons or tabs is split on the
 * more frequent of them. Returns what was read of the input to get there, which is still to be parsed.
 */
async function readHeaderDelimiter(
  text: AsyncIterator<string>,
): Promise<{ delimiter: string; head: string[] }> {
  let header: string[] | undefined;
  const probe = parse({
    ...CSV_OPTIONS,
    on_record: (record) => {
      if (!header && !isBlank(record)) header = record;
      return null;
    },
  });
  probe.on("error", () => {});
  const head: string[] = [];
  try {
    while (!header) {
      const next = await text.next();
      if (next.done) {
        await finish(probe).catch(() => {});
        break;
      }
      head.push(next.value);
      // A file the probe cannot read is left to the parse, which reports the problem with its line.
      const readable = await write(probe, next.value).then(
        () => true,
        () => false,
      );
      if (!readable) break;
    }
  } finally {
    probe.destroy();
  }
  if (header?.length !== 1) return { delimiter: ",", head };
  const semicolons = header[0]!.split(";").length - 1;
  const tabs = header[0]!.split("\t").length - 1;
  if (semicolons + tabs === 0) return { delimiter: ",", head };
  return { delimiter: tabs > semicolons ? "\t" : ";", head };
}

type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be";

const LINE_BREAKS = /\r\n|\r|\n/g;

/**
 * The input as text: UTF-16 when it starts with that byte order mark, UTF-8 otherwise. Bytes that are not
 * valid in it stop the import with their line instead of becoming U+FFFD: a file saved as Latin-1 or
 * Windows-1252 would otherwise land with its accented names garbled, and guessing the encoding is not safe.
 * The byte order mark stays in the text for csv-parse to drop.
 */
async function* decodeText(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer | string>,
): AsyncGenerator<string, void, undefined> {
  let encoding: TextEncodingName | undefined;
  // The bytes of a character that the last chunk split; a fresh decoder per chunk starts with them, so that
  // a chunk that fails can be decoded again to find where.
  let pending: Buffer = Buffer.alloc(0);
  let line = 1;
  let afterCr = false;
  const linesIn = (text: string) =>
    (text.match(LINE_BREAKS)?.length ?? 0) - (afterCr && text.startsWith("\n") ? 1 : 0);
  const decode = (bytes: Buffer, from: TextEncodingName, stream: boolean): string => {
    try {
      return new TextDecoder(from, { fatal: true, ignoreBOM: true }).decode(bytes, { stream });
    } catch {
      const name = from === "utf-8" ? "UTF-8" : "UTF-16";
      throw new AccountsCsvError(
        `Line ${line + linesIn(textBeforeInvalid(bytes, from))}: the file is not valid ${name} text. ` +
          'Save it as "CSV UTF-8" (in Excel: File, Save As, CSV UTF-8) and import it again.',
      );
    }
  };
  const advance = (text: string) => {
    line += linesIn(text);
    if (text) afterCr = text.endsWith("\r");
    return text;
  };

  for await (const chunk of input) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    const data = pending.length > 0 ? Buffer.concat([pending, bytes]) : bytes;
    if (!encoding && data.length < SNIFFED_BYTES) {
      pending = data;
      continue;
    }
    encoding ??= encodingOf(data);
    const text = decode(data, encoding, true);
    pending = data.subarray(encoding === "utf-8" ? Buffer.byteLength(text) : text.length * 2);
    yield advance(text);
  }
  if (pending.length > 0) yield advance(decode(pending, encoding ?? encodingOf(pending), false));
}

/** How many bytes the start of a file must have before its kind and encoding are decided. */
const SNIFFED_BYTES = 8;

/**
 * Files admins pick by mistake instead of the CSV, by the bytes they start with: a CRM's "Excel" export
 * or a zipped data export. Decoded as text, they failed as "not valid UTF-8", which sent admins
 * looking for an encoding setting.
 */
const NOT_CSV: { magic: readonly number[]; message: string }[] = [
  {
    magic: [0x50, 0x4b, 0x03, 0x04],
    message:
      'The file is a ZIP archive, such as an Excel workbook (.xlsx), not CSV. Save a workbook as "CSV UTF-8" ' +
      "(in Excel: File, Save As, CSV UTF-8); unzip a zipped export and import the CSV file in it.",
  },
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    message:
      'The file is an Excel 97-2003 workbook (.xls), not CSV. Save it as "CSV UTF-8" ' +
      "(in Excel: File, Save As, CSV UTF-8) and import that file.",
  },
  {
    magic: [0x1f, 0x8b],
    message: "The file is compressed (gzip), not CSV. Decompress it and import the CSV file.",
  },
];

function encodingOf(start: Buffer): TextEncodingName {
  for (const { magic, message } of NOT_CSV) {
    if (start.length >= magic.length && magic.every((byte, index) => start[index] === byte)) {
      throw new AccountsCsvError(message);
    }
  }
  if (start[0] === 0xff && start[1] === 0xfe) return "utf-16le";
  if (start[0] === 0xfe && start[1] === 0xff) return "utf-16be";
  // Every other byte of English UTF-16 is zero, and a CSV file does not start with one otherwise.
  if (start[0] === 0 || start[1] === 0) {
    throw new AccountsCsvError(
      "The file looks like UTF-16 without a byte order mark, which cannot be read. " +
        'Save it as "CSV UTF-8" and import it again.',
    );
  }
  return "utf-8";
}

/**
 * The text before the first byte that cannot be decoded. Found by halving: a prefix fails to decode exactly
 * when it holds that byte. When the bytes fail only because the file ends inside a character, every prefix
 * decodes and the last one gives the same line.
 */
function textBeforeInvalid(bytes: Buffer, encoding: TextEncodingName): string {
  const attempt = (end: number) => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, end), {
        stream: true,
      });
    } catch {
      return undefined;
    }
  };
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const middle = (valid + invalid) >>> 1;
    if (attempt(middle) === undefined) invalid = middle;
    else valid = middle;
  }
  return attempt(valid)!;
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

/** PostgreSQL cannot store U+0000, and header names end up in row errors and failure reasons. */
function assertNoNul(header: readonly string[], line: number): void {
  if (header.some((cell) => cell.includes("\u0000"))) {
    throw new AccountsCsvError(
      `Line ${line}: a header holds the NUL character (U+0000). Remove it and import the file again.`,
    );
  }
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
