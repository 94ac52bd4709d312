/**
 * The mapping scenario of the route tests: a vendor imports the Salesforce report fixture and a
 * partner the HubSpot partner fixture, both through the API, and the two are partnered. The
 * partner shares its customers and opportunities with names, relationships and owner names, but
 * neither its prospects nor owner emails; the vendor shares counts only.
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { createPartnership, type ShareOptions } from "../../admin/organisations";
import type { Database } from "../../db/client";
import { createTestOrg, signInAs, type TestApp } from "../../testing/fixtures";

export type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

export const PARTNER_SHARE: ShareOptions = {
  level: "overlaps",
  populations: ["customer", "opportunity"],
  fields: ["name", "relationship", "owner_name"],
};

/** Strings only the partner's unshared data holds: none may reach the vendor. */
export const UNSHARED_BY_PARTNER = [
  // Owner emails (the field is not shared).
  "bluefin-consulting.com",
  // Names of the partner's prospects (the population is not shared).
  "Saltmarsh Foods Canada",
  "Verdant Ridge Energy Services",
];

const fixture = (name: string) => new URL(`../../../test/fixtures/csv/${name}`, import.meta.url);

/** POSTs a CSV fixture to the import endpoint as a stream, the way a large upload arrives. */
export async function importFixture(client: TestApp, token: string, name: string, query = "") {
  const response = await client.app.request(`/v1/accounts/import${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
    body: Readable.toWeb(createReadStream(fixture(name))) as ReadableStream,
    duplex: "half",
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The raw JSON text of a GET: leak checks look at every byte the client receives. */
export async function rawGet(client: TestApp, token: string, path: string): Promise<string> {
  const response = await client.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.text();
}

export async function mappingScenario(database: Database, client: TestApp) {
  const vendor = await createTestOrg(database, "Vendor Analytics");
  const partner = await createTestOrg(database, "Bluefin Partner");
  const partnership = await createPartnership(database.db, {
    orgSlug: vendor.slug,
    partnerSlug: partner.slug,
    partnerShare: PARTNER_SHARE,
  });
  const tokens = {
    vendorAdmin: await signInAs(client, vendor.users.admin.email),
    vendorRep: await signInAs(client, vendor.users.rep.email),
    partnerAdmin: await signInAs(client, partner.users.admin.email),
    partnerRep: await signInAs(client, partner.users.rep.email),
  };
  const vendorImport = await importFixture(client, tokens.vendorAdmin, "salesforce-accounts.csv");
  const partnerImport = await importFixture(client, tokens.partnerAdmin, "hubspot-partner-companies.csv");
  if (vendorImport.status !== 201 || partnerImport.status !== 201) {
    throw new Error(`import failed: ${JSON.stringify([vendorImport, partnerImport])}`);
  }
  return { vendor, partner, partnership, tokens, vendorImport, partnerImport };
}
