/**
 * `npm run demo`: the product on demo data, in one command. Builds the extension, starts the API
 * on embedded PGlite with the demo data, serves demo CRM pages under the real CRM hostnames, and
 * opens Chromium with the extension loaded and signed in, on a demo account page.
 *
 * With --headless (automatic where there is no display) it saves a screenshot and exits.
 */
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../server/db/client";
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  DEMO_VENDOR_ACCOUNTS,
  isDemoLoaded,
  loadDemoData,
} from "../server/demo/load";
import { startApi } from "./api-server";
import { buildExtension } from "./build-extension";
import { launchWithExtension } from "./chromium";
import { startCrmFixtureServer } from "./crm-fixture-server";

const ROOT = resolve(import.meta.dirname, "..");

async function main() {
  const { values } = parseArgs({
    options: {
      headless: { type: "boolean", default: false },
      port: { type: "string", default: "8787" },
      screenshot: { type: "string", default: join(ROOT, ".demo", "sidebar.png") },
    },
  });
  const headless = values.headless || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);

  console.log("Building the extension…");
  buildExtension();

  const dataDir = join(ROOT, ".data", "demo");
  console.log(`Opening the demo database in ${dataDir}…`);
  const database = await openDatabase({ dataDir });
  if (!(await isDemoLoaded(database.db))) {
    console.log("Loading demo data…");
    await loadDemoData(database.db);
  }
  const api = await startApi(database, { port: Number(values.port) }).catch(() => startApi(database));
  const crm = await startCrmFixtureServer({
    accounts: {
      "salesforce-lightning": DEMO_VENDOR_ACCOUNTS.map((a) => ({
        id: a.crmId,
        name: a.name,
        website: a.websites[0] ?? null,
        industry: a.industry ?? undefined,
      })),
    },
  });
  const browser = await launchWithExtension({ headless });

  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/extension/pages/options/index.html`);
  await options.getByLabel("Server URL").fill(api.url);
  await options.getByLabel("Email").fill(DEMO_USERS.vendorRep);
  await options.getByLabel("Password").fill(DEMO_PASSWORD);
  await options.getByRole("button", { name: "Sign in" }).click();
  await options.getByRole("heading", { name: "Signed in" }).waitFor();

  const page = await browser.context.newPage();
  const accountUrl = crm.url(
    "northwind.lightning.force.com",
    `/lightning/r/Account/${DEMO_VENDOR_ACCOUNTS[0]!.crmId}/view`,
  );
  await page.goto(accountUrl);
  await page
    .getByRole("complementary", { name: "Co-sell partners" })
    .getByRole("listitem")
    .first()
    .waitFor({ timeout: 30_000 });

  if (headless) {
    await mkdir(resolve(values.screenshot, ".."), { recursive: true });
    await page.screenshot({ path: values.screenshot });
    console.log(`Screenshot of the sidebar on a demo account page: ${values.screenshot}`);
    await browser.close();
    await crm.close();
    await api.stop();
    await database.close();
    return;
  }
  console.log(`
cosell-lens demo is running.
  API:            ${api.url} (reference: ${api.url}/reference)
  Account page:   ${accountUrl}
  Vendor rep:     ${DEMO_USERS.vendorRep} / ${DEMO_PASSWORD}
  Partner rep:    ${DEMO_USERS.partnerRep} / ${DEMO_PASSWORD}
Press Ctrl+C to stop.`);
  const stop = async () => {
    await browser.close().catch(() => {});
    await crm.close();
    await api.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  browser.context.on("close", () => void stop());
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
