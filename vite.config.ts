import { crx } from "@crxjs/vite-plugin";
import preact from "@preact/preset-vite";
import { defineConfig } from "vitest/config";
import manifest from "./manifest.json" with { type: "json" };
// With its extension: Vite's coming native config loader resolves no other way.
import { serviceWorkerBuild, withoutServiceWorker } from "./tools/service-worker-build.ts";

// One file builds the extension (crxjs reads manifest.json) and configures the test projects.
// The test projects do not extend the root config, so unit tests never load the crxjs plugin.
export default defineConfig(({ command }) => ({
  // A build makes the service worker apart from the pages and the content script (see the plugin).
  // The dev server leaves it to crxjs, whose hot reload runs in the worker.
  plugins: [
    preact(),
    ...(command === "build"
      ? [crx({ manifest: withoutServiceWorker(manifest) as never }), serviceWorkerBuild(manifest)]
      : [crx({ manifest: manifest as never })]),
  ],
  build: {
    outDir: "dist/chrome",
    emptyOutDir: true,
    target: "chrome120",
  },
  server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "extension/**/*.test.{ts,tsx}", "tools/**/*.test.ts"],
          environment: "node",
        },
        oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
      },
      {
        test: {
          name: "server",
          include: ["server/**/*.test.ts"],
          environment: "node",
          globalSetup: ["server/testing/global-setup.ts"],
          // One shared database per worker; tests isolate themselves with their own organisations.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/e2e/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
}));
