import { describe, expect, it, vi } from "vitest";
import { createFakeApi, syncedOverlap } from "./testing/fake-api";
import { pageSender } from "./testing/fake-browser";
import { startBackground } from "./testing/harness";

describe("overlap.markWrong", () => {
  it("reports the match, drops it from the cache and updates the tab", async () => {
    const api = createFakeApi();
    const wrong = syncedOverlap(1, "001A");
    api.upsert(wrong, syncedOverlap(2, "001A"));
    const background = await startBackground(api);
    await background.signIn();
    await background.lookUp("001A", { tabId: 2 });
    await vi.waitFor(() => expect(api.count("GET /v1/accounts/partners")).toBe(1));

    const reason = "Another company with the same name";
    expect(await background.send("overlap.markWrong", { overlapId: wrong.overlapId, reason })).toEqual({
      ok: true,
    });

    expect(api.bodies).toContainEqual({
      request: `POST /v1/overlaps/${wrong.overlapId}/not-a-match`,
      body: { reason },
    });
    expect(background.browser.pushes).toHaveLength(1);
    expect(background.browser.pushes[0]).toMatchObject({
      tabId: 2,
      message: {
        payload: { recordId: "001A", result: { data: { partners: [{ partner: { name: "Partner 2" } }] } } },
      },
    });
    api.reachable = false;
    expect(await background.lookUp("001A")).toMatchObject({
      data: { partners: [{ partner: { name: "Partner 2" } }] },
    });
  });

  it("still knows the account has no partners after its last one was marked wrong", async () => {
    const api = createFakeApi();
    const wrong = syncedOverlap(1, "001A");
    api.upsert(wrong);
    const background = await startBackground(api);
    await background.signIn();

    await background.send("overlap.markWrong", { overlapId: wrong.overlapId });
    api.reachable = false;

    expect(await background.lookUp("001A")).toMatchObject({ state: "ready", data: { partners: [] } });
  });

  it("keeps the overlap when the server cannot be told", async () => {
    const api = createFakeApi();
    const wrong = syncedOverlap(1, "001A");
    api.upsert(wrong);
    const background = await startBackground(api);
    await background.signIn();
    api.reachable = false;

    expect(await background.send("overlap.markWrong", { overlapId: wrong.overlapId })).toMatchObject({
      ok: false,
      code: "unreachable",
    });
    expect(await background.cacheSize()).toMatchObject({ overlaps: 1 });
  });

  it("is only accepted from a CRM tab's sidebar", async () => {
    const background = await startBackground();
    await background.signIn();

    const answer = await background.send(
      "overlap.markWrong",
      { overlapId: syncedOverlap(1, "x").overlapId },
      pageSender(),
    );

    expect(answer).toMatchObject({ ok: false, code: "forbidden" });
  });
});
