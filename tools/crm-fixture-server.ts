/**
 * Serves fixture CRM pages under the real CRM hostnames over HTTPS, for end-to-end tests and the demo.
 *
 * force.com is HSTS-preloaded in Chromium, so plain http would be upgraded: every CRM host is served
 * over https with a self-signed certificate made at start (never written to the repository).
 * Chromium maps the hostnames to loopback with --host-resolver-rules (see tools/chromium.ts).
 *
 * Routing: the Host header picks the CRM. `/fixture/<file>` serves a file from
 * test/fixtures/crm/<crm>/, `/fixture/accounts.json` returns the account data the caller passed in
 * (so each test controls the records), and every other path returns that CRM's `app.html`, which
 * renders the record for the URL the way the real single-page app does.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { generate } from "selfsigned";
import type { CrmKind } from "../extension/crm/types.ts";

export interface FixtureAccount {
  id: string;
  name: string;
  website?: string | null;
  industry?: string;
}

/** The hostnames the fixtures answer for, by CRM. Patterns use a leading "*." for any subdomain. */
export const CRM_HOSTS: Record<CrmKind, string[]> = {
  "salesforce-lightning": ["acme.lightning.force.com", "acme--uat.sandbox.lightning.force.com"],
  "salesforce-classic": ["acme.my.salesforce.com", "na42.salesforce.com"],
  hubspot: ["app.hubspot.com", "app-eu1.hubspot.com"],
  dynamics: ["acme.crm.dynamics.com", "acme.crm4.dynamics.com"],
};

/** Wildcards for Chromium's --host-resolver-rules, so any org subdomain resolves to loopback. */
export const CRM_HOST_WILDCARDS = [
  "*.lightning.force.com",
  "*.salesforce.com",
  "*.hubspot.com",
  "*.dynamics.com",
];

const FIXTURE_ROOT = join(import.meta.dirname, "..", "test", "fixtures", "crm");

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};

export function crmForHost(host: string): CrmKind | null {
  const name = host.replace(/:\d+$/, "").toLowerCase();
  if (name.endsWith(".lightning.force.com")) return "salesforce-lightning";
  if (name.endsWith(".salesforce.com")) return "salesforce-classic";
  if (name.endsWith(".hubspot.com")) return "hubspot";
  if (name.endsWith(".dynamics.com")) return "dynamics";
  return null;
}

export interface CrmFixtureServer {
  port: number;
  /** `https://<host>:<port><path>` */
  url(host: string, path: string): string;
  setAccounts(crm: CrmKind, accounts: FixtureAccount[]): void;
  close(): Promise<void>;
}

export async function startCrmFixtureServer(options: {
  port?: number;
  accounts?: Partial<Record<CrmKind, FixtureAccount[]>>;
}): Promise<CrmFixtureServer> {
  const accounts: Partial<Record<CrmKind, FixtureAccount[]>> = { ...options.accounts };
  const altNames = [...Object.values(CRM_HOSTS).flat(), ...CRM_HOST_WILDCARDS].map((value) => ({
    type: 2 as const,
    value,
  }));
  const pems = await generate([{ name: "commonName", value: "cosell-lens CRM fixtures" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [{ name: "subjectAltName", altNames }],
  });

  const server: Server = createServer({ key: pems.private, cert: pems.cert }, async (req, res) => {
    const crm = crmForHost(req.headers.host ?? "");
    const path = new URL(req.url ?? "/", "https://fixture.invalid").pathname;
    if (!crm) {
      res.writeHead(404).end("unknown CRM host");
      return;
    }
    try {
      if (path === "/fixture/accounts.json") {
        res.writeHead(200, { "content-type": CONTENT_TYPES[".json"], "cache-control": "no-store" });
        res.end(JSON.stringify(accounts[crm] ?? []));
        return;
      }
      const file = path.startsWith("/fixture/") ? normalize(path.slice("/fixture/".length)) : "app.html";
      if (file.startsWith("..")) {
        res.writeHead(400).end();
        return;
      }
      const body = await readFile(join(FIXTURE_ROOT, crm, file));
      res.writeHead(200, {
        "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (host, path) => `https://${host}:${port}${path}`,
    setAccounts: (crm, list) => {
      accounts[crm] = list;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
