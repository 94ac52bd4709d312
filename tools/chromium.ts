/**
 * Launches Debian's Chromium with the unpacked extension loaded, through Playwright. Shared by the
 * end-to-end tests and the demo. The CRM hostnames resolve to loopback, where the fixture server
 * answers over HTTPS with a self-signed certificate.
 */
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Worker } from "playwright-core";
import { CRM_HOST_WILDCARDS } from "./crm-fixture-server";

export const EXTENSION_DIR = resolve(import.meta.dirname, "..", "dist", "chrome");

export function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(candidate)) {
    throw new Error(
      `Chromium was not found at ${candidate}. Install Debian's Chromium with ` +
        "`sudo apt-get update && sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.",
    );
  }
  return candidate;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  close(): Promise<void>;
}

export async function launchWithExtension(options: {
  headless: boolean;
  userDataDir?: string;
  extensionDir?: string;
}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, "manifest.json"))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), "cosell-chromium-")));
  const resolverRules = CRM_HOST_WILDCARDS.map((host) => `MAP ${host} 127.0.0.1`).join(",");
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    // Extensions need the new headless mode, which Playwright enables through the flag, not the option.
    headless: false,
    ignoreHTTPSErrors: true,
    viewport: { width: 1360, height: 860 },
    args: [
      ...(options.headless ? ["--headless=new"] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=${resolverRules}`,
      "--ignore-certificate-errors",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
  const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(serviceWorker.url()).host;
  return { context, extensionId, serviceWorker, close: () => context.close() };
}
