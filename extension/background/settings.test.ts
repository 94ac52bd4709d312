import { describe, expect, it, vi } from "vitest";
import { createFakeApi } from "./testing/fake-api";
import { contentSender } from "./testing/fake-browser";
import { startBackground } from "./testing/harness";

const USER_ID = "00000000-0000-3000-8000-000000000001";

describe("settings", () => {
  it("keeps a change and sends it to the server", async () => {
    const background = await startBackground();
    await background.signIn();

    const answer = await background.send("settings.set", { sidebarCollapsed: true }, contentSender());

    expect(answer).toEqual({ ok: true, settings: { sidebarCollapsed: true } });
    expect(await background.send("settings.get", {}, contentSender())).toEqual(answer);
    await vi.waitFor(() => expect(background.api.settingsOf(USER_ID)).toEqual({ sidebarCollapsed: true }));
  });

  it("takes settings changed in another browser from the sync feed", async () => {
    const api = createFakeApi();
    const background = await startBackground(api);
    await background.signIn();

    api.changeSettings(USER_ID, { sidebarCollapsed: true });
    await background.send("sync.now", {});

    expect(await background.send("settings.get", {})).toEqual({
      ok: true,
      settings: { sidebarCollapsed: true },
    });
  });

  it("keeps a change made offline and uploads it with the next sync", async () => {
    const api = createFakeApi();
    const background = await startBackground(api);
    await background.signIn();
    api.reachable = false;
    await background.send("settings.set", { sidebarCollapsed: true });
    await vi.waitFor(() => expect(api.count("PUT /v1/me/settings")).toBe(1));

    api.reachable = true;
    await background.send("sync.now", {});

    expect(api.settingsOf(USER_ID)).toEqual({ sidebarCollapsed: true });
    expect(await background.send("settings.get", {})).toMatchObject({ settings: { sidebarCollapsed: true } });
  });

  it("keeps settings in this browser when the server has no settings to sync", async () => {
    const api = createFakeApi();
    api.settingsSupported = false;
    const background = await startBackground(api);
    await background.signIn();

    await background.send("settings.set", { sidebarCollapsed: true });
    await vi.waitFor(() => expect(api.count("PUT /v1/me/settings")).toBe(1));
    await background.send("sync.now", {});

    expect(api.count("PUT /v1/me/settings")).toBe(1);
    expect(await background.send("settings.get", {})).toMatchObject({ settings: { sidebarCollapsed: true } });
  });

  it("keeps settings the server refuses in this browser, and takes later ones from the feed", async () => {
    const api = createFakeApi();
    api.settingsRefusal = 400;
    const background = await startBackground(api);
    await background.signIn();

    await background.send("settings.set", { sidebarCollapsed: true });
    await vi.waitFor(() => expect(api.count("PUT /v1/me/settings")).toBe(1));
    await background.send("sync.now", {});
    expect(api.count("PUT /v1/me/settings")).toBe(1);
    expect(await background.send("settings.get", {})).toMatchObject({ settings: { sidebarCollapsed: true } });

    api.changeSettings(USER_ID, { sidebarCollapsed: false });
    await background.send("sync.now", {});
    expect(await background.send("settings.get", {})).toMatchObject({
      settings: { sidebarCollapsed: false },
    });
  });

  it("tries again with the next sync when the server asks it to slow down", async () => {
    const api = createFakeApi();
    api.settingsRefusal = 429;
    const background = await startBackground(api);
    await background.signIn();
    await background.send("settings.set", { sidebarCollapsed: true });
    await vi.waitFor(() => expect(api.count("PUT /v1/me/settings")).toBe(1));

    api.settingsRefusal = undefined;
    await background.send("sync.now", {});
    expect(api.settingsOf(USER_ID)).toEqual({ sidebarCollapsed: true });
  });

  it("goes on uploading and syncing after an upload failed in this browser", async () => {
    // The upload reads the change back from the cache; that read fails once.
    let failNextRead = false;
    let readFailed = false;
    vi.doMock("../cache/settings", async (importOriginal) => {
      const cache = await importOriginal<typeof import("../cache/settings")>();
      return {
        ...cache,
        async changeSettings(settings: Parameters<typeof cache.changeSettings>[0]) {
          await cache.changeSettings(settings);
          failNextRead = !readFailed;
        },
        async readSettings() {
          if (!failNextRead) return cache.readSettings();
          failNextRead = false;
          readFailed = true;
          throw new Error("The cache could not be read.");
        },
      };
    });
    try {
      const api = createFakeApi();
      const background = await startBackground(api);
      await background.signIn();
      await background.send("settings.set", { sidebarCollapsed: true });
      await vi.waitFor(() => expect(readFailed).toBe(true));

      expect(await background.send("sync.now", {})).toMatchObject({ ok: true });
      expect(api.settingsOf(USER_ID)).toEqual({ sidebarCollapsed: true });
      await background.send("settings.set", { sidebarCollapsed: false });
      await vi.waitFor(() => expect(api.settingsOf(USER_ID)).toEqual({ sidebarCollapsed: false }));
    } finally {
      vi.doUnmock("../cache/settings");
    }
  });

  it("remembers a change made while signed out for whoever signs in", async () => {
    const background = await startBackground();

    await background.send("settings.set", { sidebarCollapsed: true });
    await background.signIn();

    expect(background.api.settingsOf(USER_ID)).toEqual({ sidebarCollapsed: true });
    expect(await background.send("settings.get", {})).toMatchObject({ settings: { sidebarCollapsed: true } });
  });
});
