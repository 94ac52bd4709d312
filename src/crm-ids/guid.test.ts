import { describe, expect, it } from "vitest";
import { toBareGuid } from "./guid";

describe("toBareGuid", () => {
  it.each([
    "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}",
    "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
    "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}",
    "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
  ])("reads %s as the bare lower-case GUID", (id) => {
    expect(toBareGuid(id)).toBe("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
  });

  it.each(["0018d00000AbCdEfGHI", "12345678", "{3F2504E0-4F89-11D3-9A0C-0305E82C3301", "not-a-guid"])(
    "leaves %s, which is no GUID, as it is",
    (id) => {
      expect(toBareGuid(id)).toBe(id);
    },
  );
});
