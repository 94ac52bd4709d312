import { useEffect, useState } from "preact/hooks";
import browser, { type Storage } from "webextension-polyfill";
import { LAST_SERVER_STORAGE_KEY } from "../../session-key";

const addressIn = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * The server address last signed in to ("" if none), or undefined until storage has answered.
 * The page shows the sign-in form only once it is known, so that the form starts with it: filled in
 * after the form appeared, it landed in the middle of whatever the rep had begun to type
 * ("https://cosell.example.comhttps://intranet…"). It follows sign-ins made in other tabs, for the
 * next time the form appears.
 */
export function useLastServer(): string | undefined {
  const [address, setAddress] = useState<string | undefined>(undefined);

  useEffect(() => {
    let mounted = true;
    const follow = (changes: Record<string, Storage.StorageChange>) => {
      if (LAST_SERVER_STORAGE_KEY in changes)
        setAddress(addressIn(changes[LAST_SERVER_STORAGE_KEY]?.newValue));
    };
    browser.storage.local.onChanged.addListener(follow);
    browser.storage.local
      .get(LAST_SERVER_STORAGE_KEY)
      .then((stored) => {
        // A change heard meanwhile is newer than what the read found.
        if (mounted) setAddress((heard) => heard ?? addressIn(stored[LAST_SERVER_STORAGE_KEY]));
      })
      // Unreadable storage costs the rep only the convenience: the form starts empty.
      .catch(() => mounted && setAddress((heard) => heard ?? ""));
    return () => {
      mounted = false;
      browser.storage.local.onChanged.removeListener(follow);
    };
  }, []);

  return address;
}
