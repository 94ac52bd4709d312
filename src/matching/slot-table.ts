/**
 * A multimap from 32-bit integer keys (hashes of domains, name signatures) to slots, the small
 * integers that number a match index's accounts: the index's hot path, run for every account of
 * both sides of a matching run.
 *
 * A `Map` costs several cache misses per lookup at a million keys (its bucket, its entry, the key
 * and, for strings, the characters to compare), and as many objects for the garbage collector. Here
 * the (key, slot) pairs sit side by side in one typed array, with open addressing and linear
 * probing: a lookup that finds nothing, as most do, costs one. Keys may collide by design (a hash,
 * a signature): the caller checks what it finds.
 */
export class SlotTable {
  /** Pairs of (key, slot + 1); a slot of 0 marks an empty cell. */
  private cells: Int32Array;
  private bits: number;
  private entries = 0;

  constructor(expectedEntries = 0) {
    this.bits = MIN_BITS;
    // Room for the expected entries at no more than half full.
    while (1 << this.bits < expectedEntries * 2) this.bits++;
    this.cells = new Int32Array(2 << this.bits);
  }

  get size(): number {
    return this.entries;
  }

  /** Files `slot` under `key`, once: filing the same pair again changes nothing. */
  add(key: number, slot: number): void {
    for (let cell = this.find(key); cell !== NOT_FOUND; cell = this.findNext(key, cell)) {
      if (this.slotAt(cell) === slot) return;
    }
    if ((this.entries + 1) * 2 > 1 << this.bits) this.grow();
    this.place(key, slot);
    this.entries++;
  }

  /** Takes `slot` out from under `key`; returns whether it was there. */
  remove(key: number, slot: number): boolean {
    for (let cell = this.find(key); cell !== NOT_FOUND; cell = this.findNext(key, cell)) {
      if (this.slotAt(cell) === slot) {
        this.vacate(cell);
        this.entries--;
        return true;
      }
    }
    return false;
  }

  /**
   * The first cell filed under `key`, or NOT_FOUND. With `findNext` and `slotAt`, a loop visits
   * every slot under a key without a callback or an array:
   * `for (let c = t.find(k); c !== NOT_FOUND; c = t.findNext(k, c)) use(t.slotAt(c));`
   */
  find(key: number): number {
    return this.scan(key, this.home(key));
  }

  /** The next cell after `cell` filed under `key`, or NOT_FOUND. */
  findNext(key: number, cell: number): number {
    return this.scan(key, (cell + 1) & this.mask());
  }

  slotAt(cell: number): number {
    return this.cells[cell * 2 + 1]! - 1;
  }

  /** From `cell` on, the first cell holding `key`, up to the empty cell that ends the probe run. */
  private scan(key: number, cell: number): number {
    const cells = this.cells;
    const mask = this.mask();
    for (let at = cell; ; at = (at + 1) & mask) {
      if (cells[at * 2 + 1] === EMPTY) return NOT_FOUND;
      if (cells[at * 2] === key) return at;
    }
  }

  private place(key: number, slot: number): void {
    const cells = this.cells;
    const mask = this.mask();
    let at = this.home(key);
    while (cells[at * 2 + 1] !== EMPTY) at = (at + 1) & mask;
    cells[at * 2] = key;
    cells[at * 2 + 1] = slot + 1;
  }

  /**
   * Empties `cell` and moves later cells of its probe run back into the gap where their home allows
   * it (Knuth's algorithm R), so that no run is cut short and no tombstones pile up.
   */
  private vacate(cell: number): void {
    const cells = this.cells;
    const mask = this.mask();
    let gap = cell;
    for (let at = (gap + 1) & mask; cells[at * 2 + 1] !== EMPTY; at = (at + 1) & mask) {
      const home = this.home(cells[at * 2]!);
      // The entry at `at` may fill the gap unless its home lies cyclically in (gap, at].
      const homeAfterGap = gap <= at ? gap < home && home <= at : gap < home || home <= at;
      if (homeAfterGap) continue;
      cells[gap * 2] = cells[at * 2]!;
      cells[gap * 2 + 1] = cells[at * 2 + 1]!;
      gap = at;
    }
    cells[gap * 2 + 1] = EMPTY;
  }

  private grow(): void {
    const old = this.cells;
    this.bits++;
    this.cells = new Int32Array(2 << this.bits);
    for (let at = 0; at < old.length; at += 2) {
      if (old[at + 1] !== EMPTY) this.place(old[at]!, old[at + 1]! - 1);
    }
  }

  /** Fibonacci hashing: the key's bits mixed by a multiply, the table index taken from the top. */
  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
  }

  private mask(): number {
    return (1 << this.bits) - 1;
  }
}

export const NOT_FOUND = -1;
const EMPTY = 0;
const MIN_BITS = 4;
