import browser from "webextension-polyfill";

/** Whether the extension may reach a server: it already could, it was just granted, or it was refused. */
export type OriginAccess = "held" | "granted" | "refused";

/**
 * The origin of a server address (../../server-url), whatever its path: Chrome ignores the path of
 * a host permission's match pattern (developer.chrome.com/docs/extensions/develop/concepts/match-patterns).
 */
const patternsOf = (address: string) => [`${new URL(address).origin}/*`];

/**
 * The manifest grants only the local development server. Any other server origin is an optional
 * permission, requested when the user signs in to it.
 */
export async function ensureOriginPermission(address: string): Promise<OriginAccess> {
  const origins = patternsOf(address);
  if (await browser.permissions.contains({ origins })) return "held";
  return (await browser.permissions.request({ origins })) ? "granted" : "refused";
}

/** Gives back the access granted for a sign-in that found no cosell-lens server at the address. */
export async function withdrawOriginPermission(address: string): Promise<void> {
  await browser.permissions.remove({ origins: patternsOf(address) });
}
