/**
 * Mounts the sidebar in a shadow root, so the CRM's CSS cannot reach in and ours cannot leak out.
 * Everything placed in the host page carries a `cosell-` prefix.
 */
import { h, render } from "preact";
import { Sidebar } from "./sidebar";
import css from "./sidebar.css?inline";
import type { SidebarActions, SidebarView } from "./types";

export interface MountedSidebar {
  show(view: SidebarView): void;
  /** Expands the sidebar if it is collapsed and moves the focus to it; does nothing while it is hidden. */
  focus(): void;
  hide(): void;
  destroy(): void;
}

export function mountSidebar(actions: SidebarActions, options: { collapsed: boolean }): MountedSidebar {
  const host = document.createElement("cosell-sidebar");
  // Open so that assistive technology and tests can reach it; the page's CSS still can't.
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = css;
  const container = document.createElement("div");
  container.className = "root";
  root.append(style, container);

  let shown: SidebarView | null = null;
  let focusRequest = 0;
  const renderShown = () => {
    if (!shown) return;
    // Rendering into the same container keeps the sidebar's own state (collapsed, removed partners).
    render(
      h(Sidebar, { view: shown, initiallyCollapsed: options.collapsed, actions, focusRequest }),
      container,
    );
  };

  return {
    show(view) {
      if (!host.isConnected) document.documentElement.append(host);
      shown = view;
      // A new answer can take away what the focus was on (the Sign in link, once signed in in
      // another tab; a partner's button, once signed out): it waits on the title instead of falling
      // out of the sidebar to the top of the CRM page. A partner that fresher scores move up the
      // list is taken out and put back, which drops the focus too: it goes back where it was.
      const focused = root.activeElement as HTMLElement | null;
      renderShown();
      if (focused && !root.activeElement)
        (focused.isConnected ? focused : root.querySelector<HTMLElement>(".title"))?.focus();
    },
    focus() {
      if (!host.isConnected) return;
      focusRequest++;
      renderShown();
    },
    hide() {
      host.remove();
    },
    destroy() {
      render(null, container);
      host.remove();
    },
  };
}
