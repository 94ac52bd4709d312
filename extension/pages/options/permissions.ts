import browser from "webextension-polyfill";

/**
 * The manifest grants only the local development server. Any other server origin is an optional
 * permission, requested when the user signs in to it.
 */
export async function ensureOriginPermission(url: URL): Promise<boolean> {
  const origins = [`${url.origin}/*`];
  if (await browser.permissions.contains({ origins })) return true;
  return browser.permissions.request({ origins });
}
