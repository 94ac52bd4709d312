/** A small, explicit data set for end-to-end tests: one vendor, partners with different sharing. */

import type { CrmKind } from "../../extension/crm/types";
import { createOrg, createPartnership, createUser, orgBySlug } from "../../server/admin/organisations";
import type { Db } from "../../server/db/client";
import { upsertAccounts } from "../../server/mapping/accounts";
import { runMatching } from "../../server/mapping/match-run";
import type { AccountInput } from "../../src/contract/accounts";
import { toCaseSafeSalesforceId } from "../../src/crm-ids/salesforce";
import type { FixtureAccount } from "../../tools/crm-fixture-server";

export const VENDOR_REP = { email: "rep@northwind.test", password: "correct horse battery" };

export const ACME_ID = "001Dn00000AbCdEIAX";
export const GLOBEX_ID = "001Dn00000GlObXIAX";
export const LONELY_ID = "001Dn00000LoNeLIAX";

/**
 * Two accounts per CRM, in the id format that CRM uses: the first has two partners (Bluefin Consulting
 * and Harbor Data), the second only Bluefin, so a test can tell which account the sidebar shows.
 * Salesforce Classic URLs carry 15-character ids while the server stores the 18-character case-safe
 * form; HubSpot ids are numbers, Dynamics ids GUIDs.
 */
export const CRM_ACCOUNTS: Record<CrmKind, { twoPartners: FixtureAccount; bluefinOnly: FixtureAccount }> = {
  "salesforce-lightning": {
    twoPartners: { id: ACME_ID, name: "Acme Corporation", website: "https://www.acme.com" },
    bluefinOnly: { id: GLOBEX_ID, name: "Globex", website: "globex.io" },
  },
  "salesforce-classic": {
    twoPartners: { id: "001Dn00000InItC", name: "Initech", website: "https://www.initech.com" },
    bluefinOnly: { id: "001Dn00000HoOlI", name: "Hooli", website: "hooli.xyz" },
  },
  hubspot: {
    twoPartners: { id: "8675309", name: "Umbrella Corporation", website: "umbrella-corp.com" },
    bluefinOnly: { id: "8675310", name: "Wayne Enterprises", website: "wayne-enterprises.com" },
  },
  dynamics: {
    twoPartners: {
      id: "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
      name: "Stark Industries",
      website: "https://starkindustries.com",
    },
    bluefinOnly: {
      id: "9b2f6a1e-7c3d-4e5f-8a9b-0c1d2e3f4a5b",
      name: "Wonka Industries",
      website: "wonka.com",
    },
  },
};

/** The account id the server stores for an id as the CRM's pages show it. */
function serverId(crm: CrmKind, id: string): string {
  return crm === "salesforce-classic" ? toCaseSafeSalesforceId(id) : id;
}

const domainOf = (website: string | null | undefined) =>
  new URL(/^https?:/.test(website ?? "") ? website! : `https://${website}`).hostname.replace(/^www\./, "");

const otherCrms = (Object.keys(CRM_ACCOUNTS) as CrmKind[]).filter((crm) => crm !== "salesforce-lightning");

const vendorAccounts: AccountInput[] = [
  { crmId: ACME_ID, name: "Acme Corporation", websites: ["https://www.acme.com/"], relationship: "prospect" },
  { crmId: GLOBEX_ID, name: "Globex", websites: ["globex.io"], relationship: "opportunity" },
  { crmId: LONELY_ID, name: "Lonely Widgets", websites: ["lonely-widgets.com"], relationship: "prospect" },
  ...otherCrms.flatMap((crm) =>
    Object.values(CRM_ACCOUNTS[crm]).map((account) => ({
      crmId: serverId(crm, account.id),
      name: account.name,
      websites: [account.website ?? ""],
      relationship: "prospect" as const,
    })),
  ),
];

export async function seedBasics(db: Db): Promise<void> {
  await createOrg(db, { slug: "northwind", name: "Northwind Analytics" });
  await createUser(db, { ...VENDOR_REP, orgSlug: "northwind", role: "rep", name: "Riley Rep" });
  await createOrg(db, { slug: "bluefin", name: "Bluefin Consulting" });
  await createOrg(db, { slug: "harbor", name: "Harbor Data" });
  await createOrg(db, { slug: "quiet", name: "Quiet Reseller" });

  await createPartnership(db, {
    orgSlug: "northwind",
    partnerSlug: "bluefin",
    partnerShare: { level: "overlaps", fields: ["name", "relationship", "owner_name"] },
  });
  await createPartnership(db, {
    orgSlug: "northwind",
    partnerSlug: "harbor",
    partnerShare: { level: "overlaps", fields: ["relationship"] },
  });
  // Counts only: Quiet Reseller's overlaps must never show up in the sidebar.
  await createPartnership(db, { orgSlug: "northwind", partnerSlug: "quiet" });

  const id = async (slug: string) => (await orgBySlug(db, slug)).id;
  await upsertAccounts(db, await id("northwind"), vendorAccounts);
  const accountsOf = (which: "twoPartners" | "bluefinOnly") =>
    otherCrms.map((crm) => CRM_ACCOUNTS[crm][which]);
  await upsertAccounts(db, await id("bluefin"), [
    ...[...accountsOf("twoPartners"), ...accountsOf("bluefinOnly")].map((account, index) => ({
      crmId: `BF-CRM-${index}`,
      name: `${account.name} (Bluefin)`,
      websites: [domainOf(account.website)],
      relationship: "customer" as const,
      ownerName: "Dana Whitfield",
    })),
    {
      crmId: "BF-1",
      name: "ACME Corp",
      websites: ["acme.com"],
      relationship: "customer",
      ownerName: "Dana Whitfield",
      ownerEmail: "dana@bluefin.test",
    },
    {
      crmId: "BF-2",
      name: "Globex Inc",
      websites: ["https://globex.io/about"],
      relationship: "opportunity",
      ownerName: "Sam Ortega",
    },
  ]);
  await upsertAccounts(db, await id("harbor"), [
    ...accountsOf("twoPartners").map((account, index) => ({
      crmId: `HD-CRM-${index}`,
      name: `${account.name} (Harbor)`,
      websites: [domainOf(account.website)],
      relationship: "prospect" as const,
      ownerName: "Hidden Owner",
    })),
    {
      crmId: "HD-9",
      name: "Acme",
      websites: ["shop.acme.com"],
      relationship: "prospect",
      ownerName: "Hidden Owner",
    },
  ]);
  await upsertAccounts(db, await id("quiet"), [
    { crmId: "QR-1", name: "Acme Corporation", websites: ["acme.com"], relationship: "customer" },
  ]);
  await runMatching(db);
}

/**
 * Adds `count` Lightning accounts to the vendor, each with Bluefin Consulting as a partner, and
 * returns them as the fixture CRM serves them. Added after the extension's last sync, they are
 * accounts the extension's cache has never seen.
 */
export async function seedUnseenAccounts(db: Db, count: number): Promise<FixtureAccount[]> {
  const accounts = Array.from({ length: count }, (_, index) => {
    const serial = String(index).padStart(5, "0");
    return { id: `001Dn0000F${serial}IAX`, name: `Fresh Account ${serial}`, website: `fresh-${serial}.com` };
  });
  const [vendor, bluefin] = await Promise.all([orgBySlug(db, "northwind"), orgBySlug(db, "bluefin")]);
  await upsertAccounts(
    db,
    vendor.id,
    accounts.map((account) => ({
      crmId: account.id,
      name: account.name,
      websites: [account.website],
      relationship: "prospect" as const,
    })),
  );
  await upsertAccounts(
    db,
    bluefin.id,
    accounts.map((account, index) => ({
      crmId: `BF-FRESH-${index}`,
      name: `${account.name} (Bluefin)`,
      websites: [account.website],
      relationship: "customer" as const,
    })),
  );
  await runMatching(db);
  return accounts;
}
