import { createServer } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startNewSyncEpoch } from "../../server/sync/epoch";
import { runAxe } from "./axe";
import { type Stack, startStack } from "./harness";
import { type PrefixProxy, startPrefixProxy } from "./prefix-proxy";
import { ACME_ID, seedBasics, VENDOR_REP } from "./seed";
import { sidebarOf, waitForPartners } from "./sidebar";

/** A loopback port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("options page and popup", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
    await seedBasics(stack.database.db);
    stack.crm.setAccounts("salesforce-lightning", [
      { id: ACME_ID, name: "Acme Corporation", website: "https://www.acme.com" },
    ]);
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function fillSignIn(page: Page, serverUrl: string, password = VENDOR_REP.password) {
    await page.getByLabel("Server URL").fill(serverUrl);
    await page.getByLabel("Email").fill(VENDOR_REP.email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  async function openOptions(): Promise<Page> {
    const page = await stack.browser.context.newPage();
    await page.goto(stack.optionsUrl);
    await page.getByRole("heading", { name: "Sign in to cosell-lens" }).waitFor();
    return page;
  }

  it("the sidebar says the rep is signed out, and its Sign in link opens the options page", async () => {
    const page = await stack.browser.context.newPage();
    await page.goto(stack.crm.url("acme.lightning.force.com", `/lightning/r/Account/${ACME_ID}/view`));
    const sidebar = sidebarOf(page);
    await sidebar.getByText("You're signed out.").waitFor();

    const opened = stack.browser.context.waitForEvent("page");
    await sidebar.getByRole("link", { name: "Sign in" }).click();
    const options = await opened;
    await options.waitForURL(stack.optionsUrl);
    await options.getByRole("heading", { name: "Sign in to cosell-lens" }).waitFor();
    await options.close();
    await page.close();
  });

  // Chromium gives every extension page a stylesheet of its own, `body { font-size: 75% }` in its
  // fallback font, which the font pages.css set on :root lost to: labels, fields and buttons were
  // 11.25 px, smaller than the 14 px hints under them.
  it("shows the options page and the popup in the 15 px system font that pages.css sets", async () => {
    const fontOf = (page: Page, selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((element) => {
          const style = getComputedStyle(element);
          return `${style.fontSize} ${style.fontFamily}`;
        });
    const options = await openOptions();
    for (const selector of ["label", "input", "button"]) {
      expect(await fontOf(options, selector), selector).toMatch(/^15px system-ui/);
    }
    const popup = await stack.browser.context.newPage();
    await popup.goto(stack.popupUrl);
    await popup.getByRole("button", { name: "Sign in" }).waitFor();
    for (const selector of ["p", "button"]) {
      expect(await fontOf(popup, selector), `popup ${selector}`).toMatch(/^15px system-ui/);
    }
    await popup.close();
    await options.close();
  });

  it("says so when the server address is not a full URL, on the field itself", async () => {
    const page = await openOptions();
    await fillSignIn(page, "cosell.example.com");
    const serverUrl = page.getByLabel("Server URL");
    await page.getByText("Enter the server's full address, starting with https://").waitFor();
    expect(await serverUrl.getAttribute("aria-invalid")).toBe("true");
    expect(await serverUrl.evaluate((input) => input === document.activeElement)).toBe(true);
    // The error is part of the field's description, so a screen reader reads it with the field.
    const description = await serverUrl.evaluate((input) =>
      (input.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent)
        .join(" "),
    );
    expect(description).toContain("Enter the server's full address");
    // Invalid and focused: the red border says invalid, and the focus ring stays (pages.css, light
    // scheme). An invalid outline used to replace the focus ring on the field that had the focus.
    const look = await serverUrl.evaluate((input) => {
      const style = getComputedStyle(input);
      return {
        focusVisible: input.matches(":focus-visible"),
        outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
        border: `${style.borderTopStyle} ${style.borderTopWidth} ${style.borderTopColor}`,
      };
    });
    expect(look).toEqual({
      focusVisible: true,
      outline: "solid 3px rgb(9, 105, 218)",
      border: "solid 2px rgb(179, 38, 30)",
    });
    await page.close();
  });

  it("refuses to send the password over plain http to another computer, and says why", async () => {
    const page = await openOptions();
    await fillSignIn(page, "http://cosell.example.com");
    await page.getByText("Use https:// for this server.").waitFor();
    expect(await page.getByLabel("Server URL").getAttribute("aria-invalid")).toBe("true");
    await page.close();
  });

  it("says so when no server answers at the address", async () => {
    const page = await openOptions();
    const address = `http://127.0.0.1:${await closedPort()}`;
    await fillSignIn(page, address);
    await page
      .getByRole("alert")
      .getByText(`Can't reach a cosell-lens server at ${address}. Check the address and your connection.`)
      .waitFor();
    await page.close();
  });

  it("says so when the password is wrong", async () => {
    const page = await openOptions();
    await fillSignIn(page, stack.api.url, "not the password");
    await page.getByRole("alert").getByText("Wrong email or password. Check both and try again.").waitFor();
    expect(await page.getByRole("heading", { name: "Signed in" }).count()).toBe(0);
    await page.close();
  });

  // The button used to be disabled while the server checked the password, and Chromium moves the
  // focus off a disabled button to <body>: a keyboard user had to start over from the top.
  it("keeps the focus on Sign in through a failed sign-in made with the keyboard", async () => {
    const page = await openOptions();
    await page.getByLabel("Server URL").fill(stack.api.url);
    await page.getByLabel("Email").fill(VENDOR_REP.email);
    await page.getByLabel("Password").fill("not the password");
    const signInButton = page.getByRole("button", { name: "Sign in" });
    await signInButton.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("alert").getByText("Wrong email or password.").waitFor();
    expect(await signInButton.evaluate((button) => button === document.activeElement)).toBe(true);
    // Enter again tries again: the button works as soon as the answer is in.
    await page.getByLabel("Password").fill(VENDOR_REP.password);
    await signInButton.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Signed in" }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to cosell-lens" }).waitFor();
    await page.close();
  });

  it("has no serious or critical accessibility violations, with errors showing, in light and dark", async () => {
    const page = await openOptions();
    await fillSignIn(page, "cosell.example.com");
    await page.getByText("Enter the server's full address").waitFor();
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      const report = await runAxe(page);
      expect(report.violations, `${colorScheme} mode`).toEqual([]);
      expect(report.checkedElements).toBeGreaterThan(5);
    }
    await page.close();
  });

  it("signs in, says who, where and on which server, syncs from the popup, and signs out", async () => {
    const page = await openOptions();
    await fillSignIn(page, stack.api.url);
    await page.getByRole("heading", { name: "Signed in" }).waitFor();
    const facts = await page.locator("dl").innerText();
    for (const fact of ["Riley Rep", VENDOR_REP.email, "Northwind Analytics", "Sales rep", stack.api.url]) {
      expect(facts).toContain(fact);
    }
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      expect((await runAxe(page)).violations, `signed in, ${colorScheme} mode`).toEqual([]);
    }

    const popup = await stack.browser.context.newPage();
    await popup.goto(stack.popupUrl);
    await popup.getByText("Signed in as Riley Rep at Northwind Analytics.").waitFor();
    const syncNow = popup.getByRole("button", { name: "Sync now" });
    await syncNow.focus();
    await popup.keyboard.press("Enter");
    await popup
      .getByRole("status")
      .getByText(/^Synced at \d{1,2}:\d{2}/)
      .waitFor();
    // Sync now used to be disabled while it synced, which moved the focus off it to <body>.
    expect(await syncNow.evaluate((button) => button === document.activeElement)).toBe(true);
    expect((await runAxe(popup)).violations).toEqual([]);
    await popup.close();

    // A second options tab, left open, follows the sign-out made in the first.
    const other = await stack.browser.context.newPage();
    await other.goto(stack.optionsUrl);
    await other.getByRole("heading", { name: "Signed in" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to cosell-lens" }).waitFor();
    await page.getByRole("status").getByText("You're signed out.").waitFor();
    await other.getByRole("heading", { name: "Sign in to cosell-lens" }).waitFor();
    await other.getByRole("status").getByText("You're signed out.").waitFor();
    await other.close();

    const crmPage = await stack.browser.context.newPage();
    await crmPage.goto(stack.crm.url("acme.lightning.force.com", `/lightning/r/Account/${ACME_ID}/view`));
    await sidebarOf(crmPage).getByText("You're signed out.").waitFor();
    await crmPage.close();
    await page.close();
  });

  it("syncs on after an admin's `sync reset`, starting over, and the sidebar keeps the partners", async () => {
    const page = await openOptions();
    await fillSignIn(page, stack.api.url);
    await page.getByRole("heading", { name: "Signed in" }).waitFor();
    // As after a restored backup: the cursor the extension saved at sign-in is refused from now on.
    await startNewSyncEpoch(stack.database.db);

    const popup = await stack.browser.context.newPage();
    await popup.goto(stack.popupUrl);
    await popup.getByRole("button", { name: "Sync now" }).click();
    await popup
      .getByRole("status")
      .getByText(/^Synced at \d{1,2}:\d{2}/)
      .waitFor();
    await popup.close();
    const crmPage = await stack.browser.context.newPage();
    await crmPage.goto(stack.crm.url("acme.lightning.force.com", `/lightning/r/Account/${ACME_ID}/view`));
    await waitForPartners(sidebarOf(crmPage), ["Bluefin Consulting", "Harbor Data"]);
    await crmPage.close();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to cosell-lens" }).waitFor();
    await page.close();
  });

  // README: an admin may publish the server under a path, behind a proxy that strips it.
  describe("a server published under a path", () => {
    let proxy: PrefixProxy;

    beforeAll(async () => {
      proxy = await startPrefixProxy(stack.api.url, "/cosell");
    });

    afterAll(async () => {
      await proxy?.close();
    });

    beforeEach(() => {
      proxy.paths.length = 0;
    });

    it("signs in there, and syncs and looks accounts up under that path", async () => {
      const page = await openOptions();
      await fillSignIn(page, `${proxy.address}/`);
      await page.getByRole("heading", { name: "Signed in" }).waitFor();
      expect(await page.locator("dl").innerText()).toContain(proxy.address);

      const popup = await stack.browser.context.newPage();
      await popup.goto(stack.popupUrl);
      await popup.getByRole("button", { name: "Sync now" }).click();
      await popup
        .getByRole("status")
        .getByText(/^Synced at \d{1,2}:\d{2}/)
        .waitFor();
      await popup.close();
      const crmPage = await stack.browser.context.newPage();
      await crmPage.goto(stack.crm.url("acme.lightning.force.com", `/lightning/r/Account/${ACME_ID}/view`));
      await waitForPartners(sidebarOf(crmPage), ["Bluefin Consulting", "Harbor Data"]);
      await crmPage.close();

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in to cosell-lens" }).waitFor();
      await page.close();
      // Nothing went to the host's root: every call the extension made went under the path.
      expect(proxy.paths.filter((path) => !path.startsWith("/cosell/v1/"))).toEqual([]);
      expect(proxy.paths.map((path) => path.replace(/\?.*/, ""))).toEqual(
        expect.arrayContaining(["/cosell/v1/auth/sign-in", "/cosell/v1/sync", "/cosell/v1/auth/sign-out"]),
      );
    });

    // Chrome caps a popup at 800 px, so 400 CSS px at 200% zoom; a server address is one long word.
    it("wraps a failed sync's message naming a long address inside the popup at 200% zoom", async () => {
      const far = await startPrefixProxy(stack.api.url, "/cosellpartnerintelligenceproduction");
      const page = await openOptions();
      await fillSignIn(page, far.address);
      await page.getByRole("heading", { name: "Signed in" }).waitFor();
      await far.close();

      const popup = await stack.browser.context.newPage();
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.goto(stack.popupUrl);
      await popup.getByRole("button", { name: "Sync now" }).click();
      await popup
        .getByRole("status")
        .getByText(`Couldn't sync: Can't reach the server at ${far.address}`)
        .waitFor();
      const sideways = await popup.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(sideways, "the popup scrolls sideways by this many px").toBe(0);
      await popup.close();

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { name: "Sign in to cosell-lens" }).waitFor();
      await page.close();
    });

    it("serves the API reference there, which loads its script and the OpenAPI document from under the path", async () => {
      const page = await stack.browser.context.newPage();
      await page.goto(`${proxy.address}/reference`);
      // The title comes from the OpenAPI document: the page found it.
      await page.getByRole("heading", { level: 1, name: "cosell-lens API" }).waitFor();
      expect(proxy.paths).toEqual(
        expect.arrayContaining(["/cosell/reference/standalone.js", "/cosell/openapi.json"]),
      );
      await page.close();
    });
  });
});
