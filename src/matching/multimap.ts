/**
 * A map from a key to one or more small integers (slots in a table of accounts) that keeps a lone
 * value unwrapped. Nearly every domain and name belongs to a single account: a million one-element
 * arrays, or a million pointers for the garbage collector to trace, would cost memory and
 * collection time; small integers cost neither.
 */
export type SlotMultiMap<K> = Map<K, number | number[]>;

export function addSlot<K>(map: SlotMultiMap<K>, key: K, slot: number): void {
  const found = map.get(key);
  if (found === undefined) map.set(key, slot);
  else if (typeof found === "number") {
    if (found !== slot) map.set(key, [found, slot]);
  } else if (!found.includes(slot)) found.push(slot);
}

export function deleteSlot<K>(map: SlotMultiMap<K>, key: K, slot: number): void {
  const found = map.get(key);
  if (found === slot) map.delete(key);
  else if (typeof found === "object") {
    const rest = found.filter((s) => s !== slot);
    if (rest.length === found.length) return;
    map.set(key, rest.length === 1 ? rest[0]! : rest);
  }
}
