/**
 * The service worker. Listeners are registered synchronously at the top level so that Chrome can
 * wake the worker for them. Every message is parsed with zod and its sender checked first.
 */
import browser, { type Runtime } from "webextension-polyfill";
import { dispatch } from "./dispatch";
import { FOCUS_SIDEBAR, focusSidebar } from "./focus-sidebar";
import { syncNow } from "./sync";

const self = { id: browser.runtime.id, origin: browser.runtime.getURL("") };
const SYNC_ALARM = "cosell-lens:sync";
const SYNC_EVERY_MINUTES = 5;

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  dispatch(message, sender, self),
);

browser.commands.onCommand.addListener((command, tab) => {
  if (command === FOCUS_SIDEBAR && tab?.id !== undefined) void focusSidebar(tab.id);
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === SYNC_ALARM) void syncNow();
});

// Alarms may not survive a browser restart, so both events (re)create the schedule.
browser.runtime.onInstalled.addListener(startSyncing);
browser.runtime.onStartup.addListener(startSyncing);

function startSyncing(): void {
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_EVERY_MINUTES });
  void syncNow();
}
