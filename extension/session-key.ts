/**
 * The `storage.local` key the background keeps the session under (background/session.ts). Only the
 * background reads what is stored there; the extension's pages watch the key to follow a sign-in
 * or sign-out made elsewhere, and then ask the background.
 */
export const SESSION_STORAGE_KEY = "session";
