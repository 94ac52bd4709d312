/**
 * Launches Debian's Chromium with the unpacked extension loaded, through Playwright. Shared by the
 * end-to-end tests and the demo. The CRM hostnames resolve to loopback, where the fixture server
 * answers over HTTPS with a self-signed certificate.
 */
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, errors, type Worker } from "playwright-core";
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

/**
 * Chromium starts in well under a second here, but once, on a machine starved by other tenants
 * while the whole suite ran, a launch hung past the end-to-end hook's two minutes (Playwright's own
 * launch limit is three). A launch that takes this long is stuck: it is stopped and tried once more.
 */
const LAUNCH_TIMEOUT_MS = 45_000;
const LAUNCH_ATTEMPTS = 2;

export async function launchWithExtension(options: {
  headless: boolean;
  userDataDir?: string;
  extensionDir?: string;
}): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(extensionDir, "manifest.json"))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchOnce(extensionDir, options);
    } catch (error) {
      if (!(error instanceof errors.TimeoutError) || attempt === LAUNCH_ATTEMPTS) throw error;
      console.error(`Chromium did not start within ${LAUNCH_TIMEOUT_MS / 1000} s; trying once more.`);
    }
  }
}

async function launchOnce(
  extensionDir: string,
  options: { headless: boolean; userDataDir?: string },
): Promise<ExtensionBrowser> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), "cosell-chromium-")));
  const resolverRules = CRM_HOST_WILDCARDS.map((host) => `MAP ${host} 127.0.0.1`).join(",");
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    timeout: LAUNCH_TIMEOUT_MS,
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
  try {
    const serviceWorker =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent("serviceworker", { timeout: LAUNCH_TIMEOUT_MS }));
    const extensionId = new URL(serviceWorker.url()).host;
    return { context, extensionId, serviceWorker, close: () => context.close() };
  } catch (error) {
    await context.close();
    throw error;
  }
}
