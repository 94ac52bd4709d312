import { describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "./config";

describe("TOKEN_TTL_HOURS", () => {
  it.each(["0.0001", "0.5", "0x10", "1e-9"])(
    "refuses %s, a lifetime a session can't be used in or a number in another notation",
    (value) => {
      expect(() => readConfig({ TOKEN_TTL_HOURS: value })).toThrow(
        new ConfigError(
          "Invalid configuration:\n  TOKEN_TTL_HOURS: must be a number of hours, from 1 to 2160 (90 days)",
        ),
      );
    },
  );

  it.each([
    ["1", 1],
    ["1.5", 1.5],
    [" 336 ", 336],
    ["2160", 2160],
  ])("reads %j as %d hours", (value, hours) => {
    expect(readConfig({ TOKEN_TTL_HOURS: value }).TOKEN_TTL_HOURS).toBe(hours);
  });
});
