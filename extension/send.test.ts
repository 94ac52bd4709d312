import { describe, expect, it } from "vitest";
import { startBackground } from "./background/testing/harness";

describe("send", () => {
  it("returns the background's typed answer", async () => {
    await startBackground();
    const { send } = await import("./send");

    expect(await send("settings.get", {})).toEqual({ ok: true, settings: { sidebarCollapsed: false } });
  });

  it("returns a failure that the message's answer includes", async () => {
    await startBackground();
    const { send } = await import("./send");

    expect(await send("sync.now", {})).toMatchObject({ ok: false, code: "signed_out" });
  });

  it("throws a failure the message's answer does not include, such as a refused sender", async () => {
    await startBackground();
    const { send, MessageFailure } = await import("./send");
    const account = { crm: "hubspot" as const, recordId: "42" };

    // The fake sends from an extension page; account lookups only come from CRM tabs.
    const failure = send("partners.forAccount", { account });

    await expect(failure).rejects.toBeInstanceOf(MessageFailure);
    await expect(failure).rejects.toMatchObject({ code: "forbidden" });
  });

  it("throws when the background rejects a malformed request", async () => {
    await startBackground();
    const { send } = await import("./send");

    await expect(send("settings.set", { sidebarCollapsed: "yes" } as never)).rejects.toMatchObject({
      code: "bad_request",
    });
  });
});
