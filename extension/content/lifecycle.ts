/**
 * The content script's life. After the extension is reloaded or updated, Chrome leaves the old copy
 * running in open tabs but cuts it off (`runtime.id` disappears), and the new copy only arrives with
 * the next page load. The old copy must then remove everything it put on the page.
 */
const STAND_DOWN = "cosell-lens:stand-down";
const LIVENESS_CHECK_MS = 1_000;

const extensionAlive = () => Boolean(globalThis.chrome?.runtime?.id);

/** A signal that aborts when this copy of the content script must stop. */
export function contentScriptLife(): AbortSignal {
  // A newer copy (injected after an update) tells older ones to stand down before it starts.
  document.dispatchEvent(new CustomEvent(STAND_DOWN));
  const life = new AbortController();
  document.addEventListener(STAND_DOWN, () => life.abort(), { once: true, signal: life.signal });
  const check = setInterval(() => {
    if (!extensionAlive()) life.abort();
  }, LIVENESS_CHECK_MS);
  life.signal.addEventListener("abort", () => clearInterval(check), { once: true });
  return life.signal;
}
