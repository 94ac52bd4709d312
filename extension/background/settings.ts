/**
 * The user's settings: kept in the cache at once, so the sidebar never waits, and sent to the
 * server (PUT /v1/me/settings) so every browser of the user gets them through the sync feed.
 */
import { UserSettings } from "../../src/contract/settings";
import { changeSettings, readSettings, settleUpload } from "../cache/settings";
import { ApiFailure, apiRequest } from "./api";
import { isSessionRejected, loadSession, signOutLocally } from "./session";

export async function currentSettings(): Promise<UserSettings> {
  return (await readSettings()).settings;
}

export async function updateSettings(change: Partial<UserSettings>): Promise<UserSettings> {
  const settings = { ...(await currentSettings()), ...change };
  await changeSettings(settings);
  void uploadPendingSettings();
  return settings;
}

// Uploads run one after another, so an older value can never reach the server after a newer one.
// The chain itself never fails: one failed upload (the cache could not be read or written) must not
// fail every upload, and every sync, after it.
let uploads: Promise<void> = Promise.resolve();

/** Sends a local change to the server; one that fails stays pending for the next sync to retry. */
export function uploadPendingSettings(): Promise<void> {
  const upload = uploads.then(uploadOnce);
  uploads = upload.catch(() => {});
  return upload;
}

/** A client error that trying again cannot change; a timeout (408) or too many requests (429) can. */
const isFinal = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

async function uploadOnce(): Promise<void> {
  const session = await loadSession();
  const stored = await readSettings();
  if (!session || !stored.pendingUpload) return;
  try {
    await apiRequest(session.serverUrl, "/v1/me/settings", UserSettings, {
      method: "PUT",
      token: session.token,
      body: stored.settings,
    });
    await settleUpload(stored.settings);
  } catch (error) {
    if (isSessionRejected(error)) await signOutLocally(session.token);
    // A server without settings support (404, 405), or one that refuses these settings (a 400 from a
    // server of another version), keeps them in this browser only: sent again they would be refused
    // again, and while they wait to be sent, settings changed in other browsers are not applied.
    else if (error instanceof ApiFailure && isFinal(error.status)) await settleUpload(stored.settings);
  }
}
