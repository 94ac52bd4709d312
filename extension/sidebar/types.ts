import type { AccountRecord } from "../crm/types";
import type { PartnersResult } from "../messages";

/** What the sidebar shows: the account on the page and what the lookup said about it. */
export interface SidebarView {
  recordId: string;
  /** What the CRM page says about the account; null until the adapter has read it. */
  account: AccountRecord | null;
  /** True while the adapter may still find a field (Lightning renders the website after the name). */
  reading: boolean;
  /** Null while the lookup is under way. */
  result: PartnersResult | null;
  retry?: () => void;
}

export type ActionOutcome = { ok: true } | { ok: false; message: string };

/** What the sidebar asks of the extension; the content script wires these to background messages. */
export interface SidebarActions {
  openOptions(): void;
  markWrong(overlapId: string): Promise<ActionOutcome>;
  rememberCollapsed(collapsed: boolean): void;
}
