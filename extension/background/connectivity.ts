/**
 * Whether the server answered the last time the background tried. Kept in memory only: a worker
 * that restarts assumes it is online until a request says otherwise.
 */
let offline = false;

export function isOffline(): boolean {
  return offline;
}

export function markOnline(): void {
  offline = false;
}

export function markOffline(): void {
  offline = true;
}
