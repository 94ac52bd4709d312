/** How to read an ambiguous numeric date such as 03/04/2024. */
export type DateOrder = "mdy" | "dmy";

const ISO_LIKE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// Report exports follow the exporting user's locale: 3/14/2024, 14/03/2024, 14.03.2024, optionally with a time.
const LOCALE_STYLE =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2}),?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i;

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

/**
 * Reads the date formats CRM exports produce and returns an ISO 8601 timestamp, or null when the text is
 * not a valid date. Times without an offset are taken as UTC: exports do not say which zone they use.
 */
export function toIsoTimestamp(text: string, order: DateOrder = "mdy"): string | null {
  const parts = readIsoLike(text) ?? readLocaleStyle(text, order);
  return parts ? toIso(parts) : null;
}

function readIsoLike(text: string): DateParts | null {
  const m = ISO_LIKE.exec(text);
  if (!m) return null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: Number((m[7] ?? "0").slice(0, 3).padEnd(3, "0")),
    offsetMinutes: readOffset(m[8]),
  };
}

function readOffset(offset: string | undefined): number {
  if (!offset || offset.toUpperCase() === "Z") return 0;
  const digits = offset.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return offset.startsWith("-") ? -minutes : minutes;
}

function readLocaleStyle(text: string, order: DateOrder): DateParts | null {
  const m = LOCALE_STYLE.exec(text);
  if (!m) return null;
  const first = Number(m[1]);
  const second = Number(m[3]);
  // Dotted dates are a day-first convention everywhere; otherwise a part above 12 settles the order.
  const dayFirst = m[2] === "." || first > 12 || (order === "dmy" && second <= 12);
  const year = Number(m[4]);
  const hour = Number(m[5] ?? 0);
  const meridiem = m[8]?.toUpperCase();
  if (meridiem && (hour < 1 || hour > 12)) return null;
  return {
    // Two-digit years in CRM data are recent ones.
    year: m[4]!.length === 2 ? 2000 + year : year,
    month: dayFirst ? second : first,
    day: dayFirst ? first : second,
    hour: meridiem ? (hour % 12) + (meridiem === "PM" ? 12 : 0) : hour,
    minute: Number(m[6] ?? 0),
    second: Number(m[7] ?? 0),
    millisecond: 0,
    offsetMinutes: 0,
  };
}

function toIso(p: DateParts): string | null {
  if (p.hour > 23 || p.minute > 59 || p.second > 59) return null;
  const local = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond));
  // Date.UTC rolls 31 April over to 1 May; a rolled-over date was not a real one.
  if (
    local.getUTCFullYear() !== p.year ||
    local.getUTCMonth() !== p.month - 1 ||
    local.getUTCDate() !== p.day
  ) {
    return null;
  }
  return new Date(local.getTime() - p.offsetMinutes * 60_000).toISOString();
}
