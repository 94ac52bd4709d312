import { describe, expect, it } from "vitest";
import { toCaseSafeSalesforceId } from "./salesforce";

describe("toCaseSafeSalesforceId", () => {
  it.each([
    ["0019000000B98de", "0019000000B98deAAB"],
    ["a0D30000001n7Pi", "a0D30000001n7PiEAI"],
    ["001Hs00002kLm3A", "001Hs00002kLm3AIAS"],
  ])("extends %s to %s", (id, caseSafe) => {
    expect(toCaseSafeSalesforceId(id)).toBe(caseSafe);
  });

  it("gives ids that differ only in case different suffixes", () => {
    expect(toCaseSafeSalesforceId("001A0000006Vm9r")).not.toBe(toCaseSafeSalesforceId("001A0000006VM9r"));
  });

  it.each(["0019000000B98deAAB", "9312004101", "C-1001", "001A0000006Vm9-"])("leaves %s alone", (id) => {
    expect(toCaseSafeSalesforceId(id)).toBe(id);
  });
});
