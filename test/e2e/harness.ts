/**
 * The end-to-end stack: a real API server on a free loopback port with a fresh database, the CRM
 * fixture server under the real CRM hostnames over HTTPS, and Chromium with the built extension.
 */
import type { Page } from "playwright-core";
import { type Database, openDatabase } from "../../server/db/client";
import { type RunningApi, startApi } from "../../tools/api-server";
import { type ExtensionBrowser, launchWithExtension } from "../../tools/chromium";
import { type CrmFixtureServer, startCrmFixtureServer } from "../../tools/crm-fixture-server";

export interface Stack {
  database: Database;
  /** The running API; replaced by `restartApi`. */
  api: RunningApi;
  crm: CrmFixtureServer;
  browser: ExtensionBrowser;
  optionsUrl: string;
  popupUrl: string;
  /** Starts the API again on the same address after `api.stop()`, as a server coming back would. */
  restartApi(): Promise<void>;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const database = await openDatabase({ memory: true });
  const crm = await startCrmFixtureServer({});
  const [api, browser] = await Promise.all([startApi(database), launchWithExtension({ headless: true })]);
  const extensionPage = (path: string) => `chrome-extension://${browser.extensionId}/extension/pages/${path}`;
  const stack: Stack = {
    database,
    api,
    crm,
    browser,
    optionsUrl: extensionPage("options/index.html"),
    popupUrl: extensionPage("popup/index.html"),
    async restartApi() {
      stack.api = await startApi(database, { port: stack.api.port });
    },
    async close() {
      await browser.close();
      await crm.close();
      await stack.api.stop();
      await database.close();
    },
  };
  return stack;
}

/** Signs in the way a user does: on the options page. */
export async function signIn(stack: Stack, email: string, password: string): Promise<Page> {
  const page = await stack.browser.context.newPage();
  await page.goto(stack.optionsUrl);
  await page.getByLabel("Server URL").fill(stack.api.url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Signed in" }).waitFor();
  return page;
}
