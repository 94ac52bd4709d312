/**
 * DOM helpers shared by the CRM adapters. They run in the content script on every CRM page, so they
 * stay dependency-free and small.
 *
 * Selectors may contain " >>> ", meaning "descendant, possibly inside an open shadow root": CRM
 * components increasingly use native shadow DOM, which `querySelector` does not cross. Every step is
 * tried in the light DOM first; shadow roots are only walked when that misses.
 */
const SHADOW_DESCENDANT = " >>> ";

/** The first element matched by the first selector (in order of preference) that matches anything. */
export function queryDeep(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = queryChain(root, selector.split(SHADOW_DESCENDANT));
    if (found) return found;
  }
  return null;
}

/** Every element matched by any of the selectors, each once, in selector order. */
export function queryAllDeep(root: ParentNode, selectors: readonly string[]): Element[] {
  const found = new Set<Element>();
  for (const selector of selectors) {
    for (const element of queryChainAll(root, selector.split(SHADOW_DESCENDANT))) found.add(element);
  }
  return [...found];
}

function queryChain(root: ParentNode, steps: string[]): Element | null {
  const [step, ...rest] = steps;
  if (step === undefined) return null;
  for (const match of matchesDeep(root, step)) {
    const found = rest.length === 0 ? match : queryChain(match, rest);
    if (found) return found;
  }
  return null;
}

function queryChainAll(root: ParentNode, steps: string[]): Element[] {
  const [step, ...rest] = steps;
  if (step === undefined) return [];
  const matches = [...matchesDeep(root, step)];
  return rest.length === 0 ? matches : matches.flatMap((match) => queryChainAll(match, rest));
}

/** Light-DOM matches first; the (costlier) shadow-root walk only runs if the caller asks for more. */
function* matchesDeep(root: ParentNode, selector: string): Generator<Element> {
  yield* root.querySelectorAll(selector);
  for (const shadow of shadowRootsUnder(root)) yield* shadow.querySelectorAll(selector);
}

/** Open shadow roots of `root` itself (when it is a host) and of everything below it, nested ones included. */
function* shadowRootsUnder(root: ParentNode): Generator<ShadowRoot> {
  const own = (root as Partial<Element>).shadowRoot;
  if (own) {
    yield own;
    yield* shadowRootsUnder(own);
  }
  for (const element of root.querySelectorAll("*")) {
    if (element.shadowRoot) {
      yield element.shadowRoot;
      yield* shadowRootsUnder(element.shadowRoot);
    }
  }
}

/**
 * The visible text of an element with whitespace collapsed (or an input's value), null when empty.
 * A native-shadow component keeps its text in its shadow root, so that is read when the light DOM is empty.
 */
export function textOf(element: Element | null): string | null {
  if (!element) return null;
  const raw = isFormField(element)
    ? element.value
    : element.textContent?.trim() || element.shadowRoot?.textContent;
  const text = (raw ?? "").replace(/\s+/g, " ").trim();
  return text === "" ? null : text;
}

function isFormField(element: Element): element is HTMLInputElement | HTMLTextAreaElement {
  return element.localName === "input" || element.localName === "textarea";
}

/** A link's text (what the CRM shows), or its href when it shows none (icon links). */
export function linkValue(element: Element | null): string | null {
  return textOf(element) ?? element?.getAttribute("href")?.trim() ?? null;
}

/** Whether the element has a layout box, i.e. is displayed. Real browsers only: test DOMs return zero rects. */
export function isDisplayed(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  return rect.width > 0 || rect.height > 0;
}

/**
 * The one element among `candidates` that is the current page: the only one, or else the only displayed
 * one. Null when that is ambiguous, because reading the wrong (hidden, stale) page is worse than waiting.
 */
export function pickCurrent(candidates: readonly Element[]): Element | null {
  if (candidates.length <= 1) return candidates[0] ?? null;
  const displayed = candidates.filter(isDisplayed);
  return displayed.length === 1 ? (displayed[0] ?? null) : null;
}

/** A link's target resolved against its document, or null when it has none or it does not parse. */
export function hrefOf(link: Element): URL | null {
  const href = link.getAttribute("href");
  if (href === null) return null;
  try {
    return new URL(href, link.ownerDocument.baseURI);
  } catch {
    return null;
  }
}
