/**
 * The built extension as Chromium loads it (global-setup.ts builds dist/chrome): an MV3 manifest,
 * and a service worker that shares no code with the pages or the content script and holds no DOM
 * code (STYLE.md, rule 5; tools/service-worker-build.ts).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const EXTENSION_DIR = resolve(import.meta.dirname, "..", "..", "dist", "chrome");

interface BuiltManifest {
  manifest_version: number;
  background?: { service_worker?: string; type?: string };
}

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, "manifest.json"), "utf8")) as BuiltManifest;

describe("the built extension", () => {
  it("is a Manifest V3 extension with a module service worker", () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toEqual({ service_worker: "service-worker.js", type: "module" });
  });

  it("builds the service worker as one file that imports nothing and touches no DOM", () => {
    const worker = readFileSync(join(EXTENSION_DIR, manifest.background!.service_worker!), "utf8");
    // Minified imports: `import{a}from"./x.js"`, `import"./x.js"`, `import("./x.js")`.
    expect(worker).not.toMatch(/\bfrom\s*["'`]|\bimport\s*["'`(]/);
    expect(worker).not.toMatch(/\bdocument\.|\bwindow\./);
  });
});
