// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { contentScriptLife } from "./lifecycle";

describe("contentScriptLife", () => {
  const runtime: { id?: string } = {};

  beforeEach(() => {
    vi.useFakeTimers();
    runtime.id = "extension-id";
    vi.stubGlobal("chrome", { runtime });
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("lives while the extension does", () => {
    const life = contentScriptLife();
    vi.advanceTimersByTime(10_000);
    expect(life.aborted).toBe(false);
  });

  it("ends within a second or so once the extension is reloaded or updated", () => {
    const life = contentScriptLife();
    delete runtime.id;
    vi.advanceTimersByTime(1_000);
    expect(life.aborted).toBe(true);
  });

  it("ends when a newer copy of the content script starts on the page", () => {
    const older = contentScriptLife();
    const newer = contentScriptLife();
    expect(older.aborted).toBe(true);
    expect(newer.aborted).toBe(false);
  });
});
