/**
 * One "location changed" signal for single-page CRMs. Lightning, HubSpot and Dynamics move between
 * records with the History API and no page load. The Navigation API reports that at once; polling
 * stays as a fallback for browsers or frames where it does not fire.
 */
const POLL_MS = 400;

interface NavigationLike extends EventTarget {}

export function watchLocation(onChange: (href: string) => void, signal: AbortSignal): void {
  let last = "";
  const check = () => {
    if (signal.aborted || location.href === last) return;
    last = location.href;
    onChange(last);
  };
  const navigation = (globalThis as { navigation?: NavigationLike }).navigation;
  navigation?.addEventListener("currententrychange", check, { signal });
  addEventListener("popstate", check, { signal });
  addEventListener("hashchange", check, { signal });
  const timer = setInterval(check, POLL_MS);
  signal.addEventListener("abort", () => clearInterval(timer), { once: true });
  check();
}
