/**
 * The sidebar on account pages. Loaded only when the URL is an account record, so the code on
 * every other CRM page stays small. It survives navigation between accounts (no flicker: the panel
 * stays and shows "loading") and is removed on any other page.
 */
import type { AccountRecord, CrmAdapter } from "../crm/types";
import type { AccountOnPage, PartnersResult } from "../messages";
import { onPush } from "../receive";
import { send } from "../send";
import { mountSidebar } from "../sidebar/mount";
import type { ActionOutcome, SidebarView } from "../sidebar/types";
import { markLookupAnswered, markPartnersPainted } from "./perf";
import { watchAccount } from "./read-account";

export interface SidebarFeature {
  show(adapter: CrmAdapter, url: URL, signal: AbortSignal): void;
  hide(): void;
  destroy(): void;
}

const failed = (error: unknown): PartnersResult => ({
  state: "error",
  message: error instanceof Error ? error.message : String(error),
});

async function rememberedCollapsed(): Promise<boolean> {
  // Unknown settings must not keep partners out of sight: a failure shows the sidebar open.
  const answer = await send("settings.get", {}).catch(() => null);
  return answer?.settings.sidebarCollapsed ?? false;
}

async function markWrong(overlapId: string): Promise<ActionOutcome> {
  try {
    const answer = await send("overlap.markWrong", { overlapId });
    return answer.ok ? { ok: true } : { ok: false, message: answer.message };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** `life` ends with this copy of the content script (see ./lifecycle). */
export async function createSidebarFeature(life: AbortSignal): Promise<SidebarFeature> {
  const sidebar = mountSidebar(
    {
      openOptions: () => void send("options.open", {}),
      markWrong,
      rememberCollapsed: (sidebarCollapsed) =>
        void send("settings.set", { sidebarCollapsed }).catch(() => {}),
    },
    // Asked once, before the first paint, so a collapsed sidebar never flashes open.
    { collapsed: await rememberedCollapsed() },
  );

  // What the page showed of the last record read: a single-page CRM shows it a moment longer.
  let lastRead: AccountRecord | null = null;

  // Pushes are only for the account on screen; whatever else arrives is about a page already left.
  let current: { recordId: string; accept(result: PartnersResult): void } | null = null;
  onPush((push) => {
    if (push.name === "sidebar.focus") sidebar.focus();
    else if (push.payload.recordId === current?.recordId) current.accept(push.payload.result);
  }, life);

  return {
    show(adapter, url, signal) {
      const recordId = adapter.accountIdFromUrl(url);
      if (!recordId || signal.aborted) return;
      let view: SidebarView = { recordId, account: null, reading: true, result: null };
      let painted = false;
      const update = (change: Partial<SidebarView>) => {
        if (signal.aborted) return;
        view = { ...view, ...change };
        sidebar.show(view);
        if (!painted && view.result?.state === "ready") {
          painted = true;
          markPartnersPainted(recordId);
        }
      };

      // The lookup goes by record id, so it starts before anything reads the page: partners can
      // paint before the CRM has finished rendering the record.
      const account: AccountOnPage = { crm: adapter.crm, recordId };
      // A push is newer than the answer to a lookup that was already under way when it came.
      let answers = 0;
      const lookup = async () => {
        const answer = ++answers;
        // Asked before the loading state renders, so the background works while the page paints.
        const asking = send("partners.forAccount", { account }).catch(failed);
        update({ result: null });
        const result = await asking;
        markLookupAnswered(recordId);
        if (answer === answers) update({ result, retry: lookup });
      };

      current = {
        recordId,
        accept: (result) => {
          answers++;
          update({ result, retry: lookup });
        },
      };
      signal.addEventListener(
        "abort",
        () => {
          if (current?.recordId === recordId) current = null;
        },
        { once: true },
      );
      void lookup();
      const cameFrom = lastRead?.recordId === recordId ? null : lastRead;
      watchAccount(
        adapter,
        url,
        signal,
        (read, final) => {
          lastRead = read;
          update({ account: read, reading: !final });
        },
        cameFrom,
      );
    },
    hide: () => sidebar.hide(),
    destroy: () => sidebar.destroy(),
  };
}
