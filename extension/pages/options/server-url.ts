/** The server address as typed: a full http(s) URL, or null with nothing a request could use. */
export function parseServerUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  // "https://" alone parses in some engines with an empty host; nothing can be reached there.
  return url.hostname ? url : null;
}
