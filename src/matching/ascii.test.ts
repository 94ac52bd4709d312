import { describe, expect, it } from "vitest";
import { isAscii, isDigits } from "./ascii";

describe("isAscii", () => {
  it("accepts plain ASCII and rejects anything beyond it", () => {
    expect(isAscii("Acme, Inc. ~ 42")).toBe(true);
    expect(isAscii("")).toBe(true);
    expect(isAscii("Société")).toBe(false);
    expect(isAscii("acme\u200b.com")).toBe(false);
  });
});

describe("isDigits", () => {
  it("accepts only a non-empty run of ASCII digits", () => {
    expect(isDigits("2024")).toBe(true);
    expect(isDigits("")).toBe(false);
    expect(isDigits("3m")).toBe(false);
    expect(isDigits("١٢")).toBe(false);
  });
});
