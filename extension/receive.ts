import browser, { type Runtime } from "webextension-polyfill";
import { Push } from "./messages";

/**
 * Receives the background's pushes in a content script until `signal` aborts. Only messages from
 * this extension that parse as a Push reach `handler`; anything else is ignored.
 */
export function onPush(handler: (push: Push) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  // Returns nothing, so the background is not kept waiting for an answer it does not need.
  const listener = (message: unknown, sender: Runtime.MessageSender): undefined => {
    if (sender.id !== browser.runtime.id) return;
    const push = Push.safeParse(message);
    if (push.success) handler(push.data);
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener("abort", () => browser.runtime.onMessage.removeListener(listener), { once: true });
}
