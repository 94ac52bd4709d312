import fc from "fast-check";
import { parse } from "tldts";
import { describe, expect, it } from "vitest";
import { parseWebsite } from "./website";

// Generous: property tests run thousands of cases, and the test machine may be busy.
const PROPERTY_TIMEOUT = 30_000;

const LONGEST_LABEL = "a".repeat(63);

/** The slow path: tldts reading the whole value itself. */
function parsedByTldts(text: string) {
  return parse(text, { allowPrivateDomains: true });
}

// Pieces that build both the common shapes and the tricky ones around them: schemes tldts
// handles differently, user info, ports, IP addresses, bad labels, separators, control and
// non-ASCII characters.
const PIECES = [
  "http://",
  "https://",
  "HTTPS://",
  "hTtP://",
  "http:/",
  "https:",
  "ftp://",
  "file://",
  "ws://",
  "//",
  "mailto:",
  "data:",
  "javascript:",
  "www.",
  "WWW.",
  "shop.",
  "acme",
  "Acme",
  "ACME",
  "a",
  "x-y",
  "xn--bcher-kva",
  "-",
  ".",
  "..",
  ".com",
  ".co.uk",
  ".github.io",
  ".de",
  ".notarealtld",
  "192",
  "168",
  "0",
  "1",
  "[::1]",
  "::",
  "@",
  "jane",
  "jane.doe",
  "_",
  "+",
  "%",
  ":",
  ":8080",
  "/",
  "\\",
  "?",
  "#",
  "x=1",
  "utm_source=crm",
  " ",
  "\t",
  "\n",
  "\r",
  "\u0000",
  "\u007f",
  "é",
  "bücher",
  "。",
  LONGEST_LABEL,
  `${LONGEST_LABEL}a`,
] as const;

const piecedTogether = fc.array(fc.constantFrom(...PIECES), { maxLength: 10 }).map((p) => p.join(""));

const label = fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,10}[a-zA-Z0-9])?$/);
const commonShape = fc
  .tuple(
    fc.constantFrom("", "http://", "https://", "HTTPS://WWW.", "jane.doe@", "mailto:sales@", "https://user@"),
    fc.array(label, { minLength: 1, maxLength: 4 }),
    fc.constantFrom("com", "co.uk", "de", "github.io", "herokuapp.com", "xn--p1ai", "1", "local"),
    fc.constantFrom("", "/", "/about?x=1", "?ref=a:/b", "#top", "/r?u=https://x.io", "/a@b"),
  )
  .map(([prefix, labels, suffix, tail]) => `${prefix}${labels.join(".")}.${suffix}${tail}`);

describe("parseWebsite", () => {
  it.each([
    "acme.com",
    "www.acme.co.uk",
    "https://www.acme.com/path?x=1#y",
    "HTTPS://WWW.ACME.COM",
    "sales@acme.com",
    "mailto:jane.doe+crm@sales.acme.co.uk",
    "acme.com.",
    "acme.com:8080",
    "acme.github.io",
    "192.168.0.1",
    "[2001:db8::1]",
    "jane@",
    "https://",
    "-acme.com",
    "acme-.com",
    "acme..com",
    "a_b.acme.com",
    "acme.com\\path",
    `${LONGEST_LABEL}.${LONGEST_LABEL}.${LONGEST_LABEL}.${LONGEST_LABEL}.com`,
  ])("reads %j exactly as tldts does", (text) => {
    expect(parseWebsite(text)).toEqual(parsedByTldts(text));
  });

  it.each([
    ["values pieced together from common and tricky parts", piecedTogether],
    ["common shapes", commonShape],
    ["URLs", fc.webUrl({ withQueryParameters: true, withFragments: true })],
    ["e-mail addresses", fc.emailAddress()],
    ["host names", fc.domain()],
    ["any text", fc.string()],
  ])(
    "reads %s exactly as tldts does",
    (_, values: fc.Arbitrary<string>) => {
      fc.assert(
        fc.property(values, (text) => {
          expect(parseWebsite(text)).toEqual(parsedByTldts(text));
        }),
        { numRuns: 1000 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
