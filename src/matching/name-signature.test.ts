import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCompanyName } from "./name";
import { keySignature, nameSignature } from "./name-signature";

// Generous: property tests run thousands of cases, and the test machine may be busy.
const PROPERTY_TIMEOUT = 30_000;

// Pieces that exercise every rule of the name scan: case, "the", "&" and "+", joiners, slashed
// initials, legal forms (one word or several), generic words, digits, punctuation, non-ASCII.
const PIECES = [
  "Acme",
  "acme",
  "ACME",
  "Boring",
  "Delta Air Lines",
  "x",
  "A",
  "B",
  "3M",
  "42",
  "The",
  "the",
  "THE",
  "T.H.E.",
  "Thex",
  "Th",
  "and",
  "And",
  "&",
  "+",
  ".",
  "'",
  "`",
  "’",
  "/",
  "A/S",
  "a/b",
  "S.A.",
  "S. A.",
  "Inc",
  "Inc.",
  "Incorporated",
  "Co",
  "Co.",
  "Company",
  "LLC",
  "L.L.C.",
  "Limited",
  "Limited Liability Company",
  "GmbH",
  "& Co. KG",
  "de",
  "S.A. de C.V.",
  "Sp. z o.o.",
  "Global",
  "Group",
  " ",
  "  ",
  "\t",
  ",",
  "-",
  "(",
  ")",
  "!",
  "é",
  "Société",
  "Ørsted",
  "Straße",
  "e\u0301",
  "İ",
  "中国",
] as const;

const pieced = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((pieces) => pieces.join(" "));
const squashed = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((pieces) => pieces.join(""));

function keySignatureOf(name: string): number {
  return keySignature(parseCompanyName(name).key);
}

describe("nameSignature", () => {
  it.each([
    "Acme, Inc.",
    "The Boring Company",
    "Johnson & Johnson",
    "J.P. Morgan",
    "Acme A/S",
    "A/S Acme",
    "The",
    "The & Co",
    "The The Band",
    "Home Depot, The",
    "Acme, The",
    "Acme The Great",
    "Acme GmbH & Co. KG",
    "Société Générale",
    "",
    " - ",
  ])("is the signature of the key of %j", (name) => {
    expect(nameSignature(name)).toBe(keySignatureOf(name));
  });

  it.each([
    ["names pieced together from words and symbols", pieced],
    ["names pieced together without blanks", squashed],
    ["any text", fc.string()],
    ["any Unicode text", fc.string({ unit: "grapheme" })],
  ])(
    "is the signature of the key for %s",
    (_, names: fc.Arbitrary<string>) => {
      fc.assert(
        fc.property(names, (name) => {
          expect(nameSignature(name)).toBe(keySignatureOf(name));
        }),
        { numRuns: 2000 },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it("tells most different keys apart", () => {
    const keys = ["acme", "acme rocket", "boring", "johnson and johnson", "delta air lines", "delta faucet"];
    expect(new Set(keys.map(keySignature)).size).toBe(keys.length);
  });
});
