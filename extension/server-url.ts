/**
 * Which server addresses the extension sends a password and tokens to: https anywhere; plain http
 * only to this computer (`npm start`, the demo), whose traffic never crosses a network. Over http to
 * any other host, the password and every token would travel readable by anyone on the way.
 * The manifest grants the two local hosts named here; other https origins are asked for at sign-in.
 *
 * An address may have a path: admins publish the API behind a reverse proxy under a prefix, such
 * as https://intranet.example.com/cosell, and every API route then lives under that path.
 */
const LOCAL_HOSTS: readonly string[] = ["localhost", "127.0.0.1"];

export type ServerUrlProblem = "not_a_url" | "plain_http" | "query_or_fragment";

/** `address` is the server's origin and path, without a trailing slash: what is stored and shown. */
export type ServerUrlCheck = { ok: true; address: string } | { ok: false; problem: ServerUrlProblem };

export function checkServerUrl(value: string): ServerUrlCheck {
  const typed = value.trim();
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return { ok: false, problem: "not_a_url" };
  }
  // "https://" alone parses in some engines with an empty host; nothing can be reached there.
  if (!url.hostname || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return { ok: false, problem: "not_a_url" };
  }
  if (url.protocol === "http:" && !LOCAL_HOSTS.includes(url.hostname))
    return { ok: false, problem: "plain_http" };
  // Refused rather than dropped: an address with "?" or "#" was copied from a page (a sign-in
  // link, the API reference), and the person should see which part is not the server's address.
  // In an http(s) URL both always start a query or a fragment, wherever they stand.
  if (/[?#]/.test(typed)) return { ok: false, problem: "query_or_fragment" };
  // Without the trailing slash, an address at the root is its origin alone: what sessions stored
  // before addresses kept their path, so those sessions and their caches stay the same server's.
  return { ok: true, address: `${url.origin}${url.pathname.replace(/\/+$/, "")}` };
}

/**
 * The URL of an API route (`/v1/sync?cursor=…`, as the API reference spells it) on the server at
 * `address`: under the address's path, so https://intranet.example.com/cosell answers /v1/sync at
 * https://intranet.example.com/cosell/v1/sync. `new URL("/v1/sync", address)` would drop the path.
 */
export function apiUrl(address: string, route: `/${string}`): URL {
  const base = new URL(address);
  // Resolved against a base ending in "/", a relative route goes under its last segment instead of
  // replacing it; the "." keeps a route's first segment from ever reading as a URL scheme.
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  return new URL(`.${route}`, base);
}
