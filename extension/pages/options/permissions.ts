import browser from "webextension-polyfill";

/** Whether the extension may reach a server: it already could, it was just granted, or it was refused. */
export type OriginAccess = "held" | "granted" | "refused";

const patternsOf = (url: URL) => [`${url.origin}/*`];

/**
 * The manifest grants only the local development server. Any other server origin is an optional
 * permission, requested when the user signs in to it.
 */
export async function ensureOriginPermission(url: URL): Promise<OriginAccess> {
  const origins = patternsOf(url);
  if (await browser.permissions.contains({ origins })) return "held";
  return (await browser.permissions.request({ origins })) ? "granted" : "refused";
}

/** Gives back the access granted for a sign-in that found no cosell-lens server at the address. */
export async function withdrawOriginPermission(url: URL): Promise<void> {
  await browser.permissions.remove({ origins: patternsOf(url) });
}
