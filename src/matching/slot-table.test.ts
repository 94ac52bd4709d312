import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NOT_FOUND, SlotTable } from "./slot-table";

function slotsUnder(table: SlotTable, key: number): number[] {
  const slots: number[] = [];
  for (let cell = table.find(key); cell !== NOT_FOUND; cell = table.findNext(key, cell)) {
    slots.push(table.slotAt(cell));
  }
  return slots.sort((a, b) => a - b);
}

type Operation = { add: boolean; key: number; slot: number };

// Few keys and slots, so that keys share probe runs, pairs repeat and removals hit and miss.
const operation: fc.Arbitrary<Operation> = fc.record({
  add: fc.boolean(),
  key: fc.oneof(fc.integer({ min: -3, max: 12 }), fc.constantFrom(0x7fffffff, -0x80000000)),
  slot: fc.nat({ max: 20 }),
});

/** Applies the operations to a table and to a model, and checks that the two agree. */
function agreesWithModel(operations: readonly Operation[]): void {
  const table = new SlotTable();
  const model = new Map<number, Set<number>>();
  for (const { add, key, slot } of operations) {
    const slots = model.get(key) ?? new Set<number>();
    model.set(key, slots);
    if (add) {
      table.add(key, slot);
      slots.add(slot);
    } else {
      expect(table.remove(key, slot)).toBe(slots.delete(slot));
    }
  }
  let pairs = 0;
  for (const [key, slots] of model) {
    expect(slotsUnder(table, key)).toEqual([...slots].sort((a, b) => a - b));
    pairs += slots.size;
  }
  expect(table.size).toBe(pairs);
}

describe("SlotTable", () => {
  it("holds exactly the pairs added and not removed since, through growth and removals", () => {
    fc.assert(fc.property(fc.array(operation, { maxLength: 300 }), agreesWithModel), { numRuns: 500 });
  });

  // Up to 7 pairs stay in the first table, of 16 cells; 64 keys reach every cell of it as a home.
  // So probe runs wrap around its end, and removals from their middle must move followers back.
  it("holds exactly the pairs added and not removed since, in one small crowded table", () => {
    const crowded = fc
      .uniqueArray(fc.nat({ max: 63 }), { minLength: 1, maxLength: 7 })
      .chain((keys) =>
        fc
          .tuple(fc.constant(keys), fc.subarray(keys), fc.subarray(keys))
          .map(([added, removed, again]) => [
            ...added.map((key) => ({ add: true, key, slot: 0 })),
            ...removed.map((key) => ({ add: false, key, slot: 0 })),
            ...again.map((key) => ({ add: true, key, slot: 1 })),
          ]),
      );
    fc.assert(fc.property(crowded, agreesWithModel), { numRuns: 5000 });
  });

  it("finds nothing under a key it never held", () => {
    const table = new SlotTable(4);
    table.add(1, 0);
    table.add(2, 1);
    expect(table.find(3)).toBe(NOT_FOUND);
    expect(slotsUnder(table, 3)).toEqual([]);
  });

  it("files a pair once however often it is added", () => {
    const table = new SlotTable();
    table.add(7, 3);
    table.add(7, 3);
    expect(slotsUnder(table, 7)).toEqual([3]);
    expect(table.size).toBe(1);
    expect(table.remove(7, 3)).toBe(true);
    expect(table.find(7)).toBe(NOT_FOUND);
  });

  it("keeps a million pairs findable", () => {
    const table = new SlotTable();
    for (let slot = 0; slot < 1_000_000; slot++) table.add(Math.imul(slot, 2654435761), slot);
    expect(table.size).toBe(1_000_000);
    for (const slot of [0, 1, 4095, 999_999])
      expect(slotsUnder(table, Math.imul(slot, 2654435761))).toEqual([slot]);
  });
});
