/**
 * Who may send which message. Content scripts run inside CRM pages, so a message from one must
 * come from a tab on a CRM host; session changes may only come from our own extension pages.
 */
import type { Runtime } from "webextension-polyfill";
import type { MessageName } from "../messages";
import { requests } from "../requests";

// Kept in step with the content_scripts matches in manifest.json.
const CRM_HOST = /(^|\.)(lightning\.force\.com|salesforce\.com|hubspot\.com|dynamics\.com)$/;

function isExtensionPage(sender: Runtime.MessageSender, extensionOrigin: string): boolean {
  return typeof sender.url === "string" && sender.url.startsWith(extensionOrigin);
}

function isCrmContentScript(sender: Runtime.MessageSender): boolean {
  if (!sender.tab || typeof sender.url !== "string") return false;
  try {
    const url = new URL(sender.url);
    return url.protocol === "https:" && CRM_HOST.test(url.hostname);
  } catch {
    return false;
  }
}

export function senderAllowed(
  name: MessageName,
  sender: Runtime.MessageSender,
  self: { id: string; origin: string },
): boolean {
  if (sender.id !== self.id) return false;
  switch (requests[name].from) {
    case "content":
      return isCrmContentScript(sender);
    case "page":
      return isExtensionPage(sender, self.origin);
    case "any":
      return isCrmContentScript(sender) || isExtensionPage(sender, self.origin);
  }
}
