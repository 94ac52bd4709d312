/**
 * The `storage.local` key the background keeps the session under (background/session.ts). Only the
 * background reads what is stored there; the extension's pages watch the key to follow a sign-in
 * or sign-out made elsewhere, and then ask the background.
 */
export const SESSION_STORAGE_KEY = "session";

/**
 * The `storage.local` key of the server address last signed in to, which the sign-in form offers
 * again: after a sign-out or a session that ended, the rep need not find the address again. Kept
 * apart from the session, so that signing out leaves it.
 */
export const LAST_SERVER_STORAGE_KEY = "lastServerUrl";
