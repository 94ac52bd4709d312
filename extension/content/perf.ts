/**
 * User-timing marks for the UI budgets bench (test/bench/extension-ui.bench.ts). They are only made
 * when the page opts in with a `data-cosell-perf` attribute on <html>, so a long CRM session never
 * fills the page's performance timeline.
 */
const OPT_IN = "data-cosell-perf";

export const URL_CHANGE_MARK = "cosell:url-change";
export const LOOKUP_ANSWERED_MARK = "cosell:lookup-answered";
export const PARTNERS_PAINTED_MARK = "cosell:partners-painted";

const observed = () => document.documentElement.hasAttribute(OPT_IN);

export function markUrlChange(href: string): void {
  if (observed()) performance.mark(URL_CHANGE_MARK, { detail: { href } });
}

/** The background's answer arrived: what comes before is messaging and the background's work. */
export function markLookupAnswered(recordId: string): void {
  if (observed()) performance.mark(LOOKUP_ANSWERED_MARK, { detail: { recordId } });
}

/** Marked in the next animation frame: the frame that paints what was just rendered. */
export function markPartnersPainted(recordId: string): void {
  if (observed())
    requestAnimationFrame(() => performance.mark(PARTNERS_PAINTED_MARK, { detail: { recordId } }));
}
