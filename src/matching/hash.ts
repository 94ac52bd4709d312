/**
 * FNV-1a over UTF-16 character codes: a 32-bit hash of a string or part of one, for the match
 * index's tables. Fast on the short strings it sees (domains, words), and not a defence against
 * chosen collisions: whoever uses it checks what a hash finds.
 */
export const HASH_SEED = 0x811c9dc5 | 0;

/** The hash so far, extended by one character code. */
export function hashCode(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

export function hashOf(text: string, start = 0, end = text.length): number {
  let hash = HASH_SEED;
  for (let i = start; i < end; i++) hash = hashCode(hash, text.charCodeAt(i));
  return hash;
}
