import { parse } from "tldts";

/**
 * `allowPrivateDomains: true` lets tldts tell us when a host sits under a suffix from the public
 * suffix list's private section (acme.github.io, acme.herokuapp.com); see `normalizeDomain`.
 */
const URL_OPTIONS = { allowPrivateDomains: true } as const;
/** For a host name that `simpleHostname` has already extracted and checked: tldts skips its own. */
const HOSTNAME_OPTIONS = { allowPrivateDomains: true, extractHostname: false } as const;

/**
 * Exactly what `parse(text, { allowPrivateDomains: true })` from tldts returns for one website
 * value, in about two thirds of the time for the shapes nearly every CRM field has ("acme.com",
 * "www.acme.com", "HTTPS://WWW.ACME.COM/about?x=1", "sales@acme.com"): their host is cut out with
 * a few character tests, and tldts only looks its suffix up. Any other shape goes through tldts
 * whole.
 */
export function parseWebsite(text: string): ReturnType<typeof parse> {
  const hostname = simpleHostname(text);
  return hostname === null ? parse(text, URL_OPTIONS) : parse(hostname, HOSTNAME_OPTIONS);
}

const MAX_LABEL_LENGTH = 63;
const MAX_HOSTNAME_LENGTH = 253;

/**
 * The lower-cased host of `text` when it reads `[http(s)://][user@]host[/…|?…|#…]` and the host
 * is dot-separated labels of letters, digits and inner hyphens; null for any other shape (ports,
 * trailing dots, underscores, IP version 6, control characters, other schemes …). Being strict
 * only costs speed: on null, tldts reads the whole value itself.
 */
function simpleHostname(text: string): string | null {
  let start = schemeLength(text);
  let labelStart = start;
  let hasUpper = false;
  // "_", "+" and "%" may appear in a user name, never in a host: fine only if an "@" follows.
  let hasUserNameCharacter = false;
  let end = start;
  for (; end < text.length; end++) {
    const code = text.charCodeAt(end);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) continue;
    if (code >= 65 && code <= 90) hasUpper = true;
    else if (code === 45 /* - */) {
      if (end === labelStart) return null;
    } else if (code === 46 /* . */) {
      if (!isLabel(text, labelStart, end)) return null;
      labelStart = end + 1;
    } else if (code === 95 /* _ */ || code === 43 /* + */ || code === 37 /* % */) {
      hasUserNameCharacter = true;
    } else if (code === 64 /* @ */) {
      // Only what follows the (last) "@" of an e-mail address or of URL user info is the host.
      start = end + 1;
      labelStart = start;
      hasUserNameCharacter = false;
    } else if (code === 47 /* / */ || code === 63 /* ? */ || code === 35 /* # */) {
      break;
    } else {
      return null;
    }
  }
  if (hasUserNameCharacter || !isLabel(text, labelStart, end) || end - start > MAX_HOSTNAME_LENGTH) {
    return null;
  }
  const hostname = text.slice(start, end);
  return hasUpper ? hostname.toLowerCase() : hostname;
}

/** The length of a leading "http://" or "https://", in any case; 0 without one. */
function schemeLength(text: string): number {
  if ((text.charCodeAt(0) | 32) !== 104 /* h */ || (text.charCodeAt(1) | 32) !== 116 /* t */) return 0;
  if ((text.charCodeAt(2) | 32) !== 116 /* t */ || (text.charCodeAt(3) | 32) !== 112 /* p */) return 0;
  const colon = (text.charCodeAt(4) | 32) === 115 /* s */ ? 5 : 4;
  const isScheme =
    text.charCodeAt(colon) === 58 /* : */ &&
    text.charCodeAt(colon + 1) === 47 /* / */ &&
    text.charCodeAt(colon + 2) === 47; /* / */
  return isScheme ? colon + 3 : 0;
}

function isLabel(text: string, start: number, end: number): boolean {
  return end > start && end - start <= MAX_LABEL_LENGTH && text.charCodeAt(end - 1) !== 45; /* - */
}
