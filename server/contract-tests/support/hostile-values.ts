/** Hostile values for every part of a request: strings, encodings, content types, tokens. */
import fc from "fast-check";
import { isJsonMedia } from "./api-surface";

export const printableAscii = (maxLength = 40) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
    maxLength,
  });

export const hugeString = (minLength: number, maxLength: number) =>
  fc
    .tuple(
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 8 }),
      fc.integer({ min: minLength, max: maxLength }),
    )
    .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)));

/** Values a parameter should never choke on. */
export const garbage = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.string({ unit: "binary-ascii", maxLength: 50 }),
  hugeString(2_000, 20_000),
  fc.constantFrom(
    "",
    " ",
    "..",
    "../../etc/passwd",
    "null",
    "undefined",
    "-1",
    "1e309",
    "NaN",
    "0x10",
    "true",
    "[]",
    "{}",
    "\u0000",
    "' OR 1=1 --",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "9999999999999999999999",
  ),
);

export const brokenEncoding = fc.constantFrom("%", "%zz", "%E0%A4%A", "%C0%AF", "%FF%FE", "%00", "%%32%65");

/** Content types that are certainly not `declared`. */
export const unsupportedMediaType = (declared: string) => {
  const essence = (mediaType: string) => mediaType.split(";")[0]!.trim().toLowerCase();
  const others = [
    "application/json",
    "text/plain",
    "application/xml",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "multipart/form-data",
    "application/octet-stream",
    "*/*",
  ].filter((mediaType) => essence(mediaType) !== essence(declared));
  const declaredKind = isJsonMedia(declared)
    ? /json/i
    : new RegExp(essence(declared).replace(/\W/g, "."), "i");
  return fc.oneof(
    fc.constantFrom(...others),
    printableAscii().filter((text) => text.trim() !== "" && !declaredKind.test(text)),
  );
};

export const jsonLikeMediaType = fc.constantFrom(
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/merge-patch+json",
  "application/jsonx",
  "application/json; charset=utf-16",
);

export const malformedAuthorization = fc.oneof(
  printableAscii(80),
  printableAscii(80).map((token) => `Bearer ${token}`),
  fc
    .string({
      unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      minLength: 43,
      maxLength: 43,
    })
    .map((random) => `Bearer csl_${random}`),
  printableAscii(40).map((credentials) => `Basic ${Buffer.from(credentials).toString("base64")}`),
  fc.constantFrom("", "Bearer", "Bearer ", "Bearer null", "Bearer undefined", "Token abc"),
);
