import { describe, expect, it } from "vitest";
import { otherSalesforceIdForm, toCaseSafeSalesforceId } from "./salesforce";

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

describe("otherSalesforceIdForm", () => {
  it("gives the 18-character form of a 15-character id, and the 15-character form of an 18-character one", () => {
    expect(otherSalesforceIdForm("0019000000B98de")).toBe("0019000000B98deAAB");
    expect(otherSalesforceIdForm("0019000000B98deAAB")).toBe("0019000000B98de");
  });

  it.each(["0019000000B98deXYZ", "9312004101", "C-1001", "3f2504e0-4f89-11d3-9a0c-0305e82c3301"])(
    "has none for %s, which is not a Salesforce id in either form",
    (id) => {
      expect(otherSalesforceIdForm(id)).toBeNull();
    },
  );
});
