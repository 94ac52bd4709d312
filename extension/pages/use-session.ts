import { useEffect, useRef, useState } from "preact/hooks";
import browser, { type Storage } from "webextension-polyfill";
import type { Session } from "../messages";
import { send } from "../send";
import { SESSION_STORAGE_KEY } from "../session-key";

/**
 * The session as the background tells it (undefined until it has), kept current for a page that
 * stays open. A sign-in or sign-out in another tab or in the popup, and a session the server ended
 * (found by a sync, say), change the stored session: the page asks the background again, so it
 * never offers to sign out of a session that is over. `onFlipped` hears when such a change turns
 * the page from signed in to signed out or back: the view the focus was in goes, and the page
 * decides where the focus moves. The setter is for the page's own sign-in and sign-out.
 */
export function useSession(onFlipped: (current: Session | null) => void) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const shown = useRef(session);
  shown.current = session;
  const flipped = useRef(onFlipped);
  flipped.current = onFlipped;

  useEffect(() => {
    // Only the newest question's answer counts: answers to earlier ones may describe a session
    // that has changed since.
    let asked = 0;
    const load = async (following: boolean) => {
      const mine = ++asked;
      let current: Session | null;
      try {
        current = (await send("session.get", {})).session;
      } catch {
        // The first load then offers to sign in; a later failure leaves the view as it is.
        if (following) return;
        current = null;
      }
      if (mine !== asked) return;
      if (following && shown.current !== undefined && (current === null) !== (shown.current === null)) {
        flipped.current(current);
      }
      setSession(current);
    };
    const follow = (changes: Record<string, Storage.StorageChange>) => {
      if (SESSION_STORAGE_KEY in changes) void load(true);
    };
    browser.storage.local.onChanged.addListener(follow);
    void load(false);
    return () => browser.storage.local.onChanged.removeListener(follow);
  }, []);

  return [session, setSession] as const;
}
