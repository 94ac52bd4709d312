import { isAscii } from "./ascii";
import { isNonCompanyLabel, isPlatform, mayBeListed, NON_COMPANY_DOMAINS } from "./non-company-domains";
import { parseWebsite } from "./website";

// Zero-width characters survive copy-paste from web pages and trim() keeps them.
const INVISIBLE = /[\u200b-\u200d\u2060]/g;
// What Asian keyboards type for "." in a host name, as IDNA reads it; NFKC maps the full-width one.
const IDEOGRAPHIC_FULL_STOPS = /[\u3002\uff61]/g;
const SEPARATOR = /[\s,;|]/;
const SEPARATORS = /[\s,;|]+/;

/**
 * The registrable domain ("acme.co.uk") that one CRM Website/Domain value points at, or null when
 * it names no company: an IP address, garbage, an unknown suffix, a private-section host or a
 * shared domain such as free mail. Internationalised domains come back in their ASCII (punycode)
 * form so both spellings match.
 *
 * Hosts under a suffix from the public suffix list's private section (acme.github.io,
 * acme.herokuapp.com, acme.wixsite.com, acme.us.com) are rejected outright rather than reduced to
 * a registrable domain:
 * - reduced the ICANN way, every tenant collapses to the platform (github.io, us.com), so any two
 *   of its customers would "share a domain": a false positive;
 * - kept per tenant, the tenant label still isn't one company: a GitHub user or a Wix account often
 *   hosts several clients' sites under paths (agency.github.io/client-a).
 * A miss is cheap next to a false positive, and these accounts still get the name fallback.
 */
export function normalizeDomain(input: string): string | null {
  return normalizeValue(input, isAscii(input));
}

/** `normalizeDomain`, for a caller that has already read whether `input` is all ASCII. */
function normalizeValue(input: string, ascii: boolean): string | null {
  const text = unwrap(ascii ? input.trim() : foldUnicode(input).trim());
  if (text === "") return null;
  const parsed = parseWebsite(text);
  if (parsed.domain === null || parsed.isPrivate || !parsed.isIcann) return null;
  const label = parsed.domainWithoutSuffix!;
  // "www.gov.uk": under a suffix that is itself a shared domain, "www" is no company's name.
  if (label === "www") return null;
  // Only a value that was not ASCII can have a host that is not.
  const domain = ascii || isAscii(parsed.domain) ? parsed.domain : toAscii(parsed.domain);
  if (domain === null) return null;
  // A domain converted to punycode has another first label than `label`: it is checked in full.
  if (domain === parsed.domain && !mayBeListed(label)) return domain;
  if (isNonCompanyLabel(label) || NON_COMPANY_DOMAINS.has(domain)) return null;
  if (isPlatform(domain, label) && namesTenant(text, parsed.subdomain)) return null;
  return domain;
}

// What follows the host: "view/acme" in "https://sites.google.com/view/acme?x=1".
const PATH = /^[^/?#]*\/([^?#\s]*)/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
// "uk", "en-us": the platform company's own site in a country or a language.
const LOCALE = /^[a-z]{2}(?:[-_][a-z]{2,4})?$/i;

/**
 * Whether a website on a platform's domain is a tenant's: on a subdomain other than www, or with a
 * path other than one locale alone. "microsoft.com/en-us/" is the platform company's own site, but
 * a locale often only leads to a tenant's page ("bbb.org/us/tx/austin/profile/plumber/acme",
 * "etsy.com/uk/shop/acme"), and two such pages would otherwise share the platform's domain.
 * Only platform websites get here, so the regular expressions and the split cost nothing in bulk.
 */
function namesTenant(text: string, subdomain: string | null): boolean {
  if (subdomain !== null && subdomain !== "" && subdomain !== "www") return true;
  const path = PATH.exec(text.replace(SCHEME, ""))?.[1];
  if (path === undefined) return false;
  const segments = path.split("/").filter((segment) => segment !== "");
  return segments.length > 1 || (segments.length === 1 && !LOCALE.test(segments[0]!));
}

/**
 * Every company domain found in an account's website fields, deduplicated and sorted. One field
 * may hold several values separated by commas, semicolons, pipes or whitespace.
 */
export function accountDomains(websites: readonly string[]): string[] {
  // Nearly every account has one field with one value: it needs no list to collect into and copy.
  if (websites.length === 1) {
    const shape = fieldShape(websites[0]!);
    if (shape !== SEVERAL_VALUES) {
      const domain = normalizeValue(websites[0]!, shape === ONE_ASCII_VALUE);
      return domain === null ? [] : [domain];
    }
  }
  // A set, since one pasted cell can hold thousands of values.
  const domains = new Set<string>();
  for (const field of websites) {
    const shape = fieldShape(field);
    if (shape === SEVERAL_VALUES) {
      for (const value of field.split(SEPARATORS)) addDomain(domains, normalizeDomain(value));
    } else {
      addDomain(domains, normalizeValue(field, shape === ONE_ASCII_VALUE));
    }
  }
  return [...domains].sort();
}

/** What one scan of a website field finds: one value in ASCII, one value, or several values. */
const ONE_ASCII_VALUE = 0;
const ONE_VALUE = 1;
const SEVERAL_VALUES = 2;

/**
 * Whether the trimmed field has a separator in it, as `SEPARATOR.test(field.trim())` tells, and if
 * not, whether it is all ASCII: without the copy and the regular expression for the ASCII fields
 * nearly all are, and without a second scan for `isAscii`. Most fields hold one value, which then
 * skips the split and its array.
 */
function fieldShape(field: string): number {
  let seenValue = false;
  let blankAfterValue = false;
  for (let i = 0; i < field.length; i++) {
    const code = field.charCodeAt(i);
    if (code > 127) return SEPARATOR.test(field.trim()) ? SEVERAL_VALUES : ONE_VALUE;
    if (code === 44 /* , */ || code === 59 /* ; */ || code === 124 /* | */) return SEVERAL_VALUES;
    if (code === 32 || (code >= 9 && code <= 13)) blankAfterValue = seenValue;
    else if (blankAfterValue) return SEVERAL_VALUES;
    else seenValue = true;
  }
  return ONE_ASCII_VALUE;
}

function addDomain(domains: Set<string>, domain: string | null): void {
  if (domain !== null) domains.add(domain);
}

function foldUnicode(input: string): string {
  return input.normalize("NFKC").replace(INVISIBLE, "").replace(IDEOGRAPHIC_FULL_STOPS, ".");
}

/**
 * The value without the quotes and brackets around it: "<jane@acme.com>", "(acme.com)",
 * "'acme.com'". A scan from each end, not a regular expression: one anchored at the end retries
 * from every position of a long run of brackets, and a CSV cell of a million of them took minutes.
 */
function unwrap(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && OPENING_CODES.includes(value.charCodeAt(start))) start++;
  while (end > start && CLOSING_CODES.includes(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

// " ' ( < [ {
const OPENING_CODES: readonly number[] = [34, 39, 40, 60, 91, 123];
// " ' ) > ] }
const CLOSING_CODES: readonly number[] = [34, 39, 41, 62, 93, 125];

// The WHATWG URL parser is the IDNA (UTS #46) implementation that every JavaScript runtime ships.
function toAscii(domain: string): string | null {
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
}
