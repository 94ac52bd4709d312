/**
 * The content script injected on every CRM page. It stays tiny: it picks the CRM adapter, watches
 * navigation, and only on account pages loads the sidebar. It never calls the API itself; the
 * background does all network I/O.
 */
import { adapterFor } from "../crm/index";
import { contentScriptLife } from "./lifecycle";
import { watchLocation } from "./location";
import { markUrlChange } from "./perf";
import type { SidebarFeature } from "./sidebar-feature";

function start(): void {
  const adapter = adapterFor(new URL(location.href));
  if (!adapter) return;
  const life = contentScriptLife();

  let shown: { recordId: string; page: AbortController } | null = null;
  let sidebar: Promise<SidebarFeature> | null = null;

  life.addEventListener("abort", () => {
    shown?.page.abort();
    void sidebar?.then((feature) => feature.destroy());
  });

  watchLocation((href) => {
    markUrlChange(href);
    const url = new URL(href);
    const recordId = adapter.accountIdFromUrl(url);
    // Another URL for the same record (a console tab parameter, a hash) keeps what is shown.
    if (recordId !== null && recordId === shown?.recordId) return;
    shown?.page.abort();
    shown = null;
    if (recordId === null) {
      void sidebar?.then((feature) => feature.hide());
      return;
    }
    const page = new AbortController();
    shown = { recordId, page };
    sidebar ??= import("./sidebar-feature").then((module) => module.createSidebarFeature(life));
    void sidebar.then((feature) => feature.show(adapter, url, page.signal));
  }, life);
}

start();
