/** A seeded random source, so the demo data is the same on every load. */
export interface Random {
  /** 0 ≤ n < 1 */
  next(): number;
  chance(probability: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
}

/** mulberry32: tiny, fast and plenty for made-up companies. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (probability) => next() < probability,
    pick: (list) => list[Math.floor(next() * list.length)]!,
    between: (min, max) => min + Math.floor(next() * (max - min + 1)),
  };
}
