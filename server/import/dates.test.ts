import { describe, expect, it } from "vitest";
import { toIsoTimestamp } from "./dates";

describe("toIsoTimestamp", () => {
  it.each([
    ["2024-03-14", "2024-03-14T00:00:00.000Z"],
    ["2024-03-14 10:46", "2024-03-14T10:46:00.000Z"],
    ["2024-03-14T10:46:05.123456Z", "2024-03-14T10:46:05.123Z"],
    ["2024-03-14T10:46:05+02:00", "2024-03-14T08:46:05.000Z"],
    ["2024-03-14T10:46:05-0530", "2024-03-14T16:16:05.000Z"],
    ["3/14/2024", "2024-03-14T00:00:00.000Z"],
    ["3/14/2024, 10:46 AM", "2024-03-14T10:46:00.000Z"],
    ["3/14/2024 4:05 pm", "2024-03-14T16:05:00.000Z"],
    ["3/14/2024 12:10 AM", "2024-03-14T00:10:00.000Z"],
    ["3/14/2024 12:10 PM", "2024-03-14T12:10:00.000Z"],
    ["3/14/24", "2024-03-14T00:00:00.000Z"],
    ["14/03/2024", "2024-03-14T00:00:00.000Z"],
    ["14.03.2024 09:30", "2024-03-14T09:30:00.000Z"],
    ["2/29/2024", "2024-02-29T00:00:00.000Z"],
  ])("reads %s", (text, iso) => {
    expect(toIsoTimestamp(text)).toBe(iso);
  });

  it("reads an ambiguous date month first unless told day first", () => {
    expect(toIsoTimestamp("03/04/2024")).toBe("2024-03-04T00:00:00.000Z");
    expect(toIsoTimestamp("03/04/2024", "dmy")).toBe("2024-04-03T00:00:00.000Z");
  });

  it("lets a part above 12 settle the order even against the option", () => {
    expect(toIsoTimestamp("3/14/2024", "dmy")).toBe("2024-03-14T00:00:00.000Z");
  });

  it("reads dotted dates day first whatever the option", () => {
    expect(toIsoTimestamp("03.04.2024", "mdy")).toBe("2024-04-03T00:00:00.000Z");
  });

  it.each([
    "2/30/2024",
    "2/29/2023",
    "2024-13-01",
    "2024-03-14 24:00",
    "3/14/2024 13:00 PM",
    "13/13/2024",
    "last week",
    "2024/03/14 junk",
    "1710410760000",
  ])("rejects %s", (text) => {
    expect(toIsoTimestamp(text)).toBeNull();
  });
});
