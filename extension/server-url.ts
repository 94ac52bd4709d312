/**
 * Which server addresses the extension sends a password and tokens to: https anywhere; plain http
 * only to this computer (`npm start`, the demo), whose traffic never crosses a network. Over http to
 * any other host, the password and every token would travel readable by anyone on the way.
 * The manifest grants the two local hosts named here; other https origins are asked for at sign-in.
 */
const LOCAL_HOSTS: readonly string[] = ["localhost", "127.0.0.1"];

export type ServerUrlCheck = { ok: true; url: URL } | { ok: false; problem: "not_a_url" | "plain_http" };

export function checkServerUrl(value: string): ServerUrlCheck {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, problem: "not_a_url" };
  }
  // "https://" alone parses in some engines with an empty host; nothing can be reached there.
  if (!url.hostname || (url.protocol !== "https:" && url.protocol !== "http:")) {
    return { ok: false, problem: "not_a_url" };
  }
  if (url.protocol === "http:" && !LOCAL_HOSTS.includes(url.hostname))
    return { ok: false, problem: "plain_http" };
  return { ok: true, url };
}
