import { describe, expect, it } from "vitest";
import { describeSavedAt } from "./saved-at";

// Local dates, so the expectations hold in every time zone the tests run in.
const now = new Date(2026, 10, 23, 16, 30);
const at = (...parts: [number, number, number, number, number]) => new Date(...parts).toISOString();

describe("describeSavedAt", () => {
  it("says today with the time for data saved earlier today", () => {
    expect(describeSavedAt(at(2026, 10, 23, 14, 5), now, "en-GB")).toBe("today 14:05");
  });

  it("says yesterday across midnight, even less than a day ago", () => {
    expect(describeSavedAt(at(2026, 10, 22, 23, 59), new Date(2026, 10, 23, 0, 1), "en-GB")).toBe(
      "yesterday 23:59",
    );
  });

  it("gives the day and month within the year, and the year once it differs", () => {
    expect(describeSavedAt(at(2026, 10, 3, 9, 15), now, "en-GB")).toBe("3 Nov 09:15");
    expect(describeSavedAt(at(2025, 11, 30, 9, 15), now, "en-GB")).toBe("30 Dec 2025");
  });

  it("does not print Invalid Date for a time it cannot read", () => {
    expect(describeSavedAt("not a time", now, "en-GB")).toBe("earlier");
  });
});
