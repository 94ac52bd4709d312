/** Small helpers that turn lists and counts into sentences a rep reads at a glance. */

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a", "a and b", "a, b and c". */
export function listPhrase(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** Joins clauses that each start like a sentence into one sentence: "Runs X and trains Y". */
export function sentenceOf(clauses: readonly string[]): string {
  return upperFirst(listPhrase(clauses.map(lowerFirst)));
}

export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Rounded, except that "some" never reads as 0% and "not all" never as 100%. */
export function percentOf(part: number, whole: number): number {
  return Math.min(Math.max(Math.round((100 * part) / whole), part > 0 ? 1 : 0), part < whole ? 99 : 100);
}
