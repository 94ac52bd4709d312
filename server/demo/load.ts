/**
 * Demo data: the vendor Northwind Analytics (a CRM analytics product) and five partners of
 * different kinds, each with a CRM of a few thousand accounts drawn from the same made-up market,
 * with the mess real CRMs have (see crm-lists.ts and companies.ts). The data is seeded, so every
 * load is the same. `npm run demo` and `npm run cli -- demo load` use it.
 *
 * Acme Corporation, the showcase account, has several partners in it that share differently:
 * Bluefin shows everything, Harbor its relationship and owner, Tidewater its relationship only,
 * Keel nothing (it shares customers only, and Acme is its opportunity), and Anchor counts only.
 */
import { inArray } from "drizzle-orm";
import type { AccountInput } from "../../src/contract/accounts";
import { toCaseSafeSalesforceId } from "../../src/crm-ids/salesforce";
import { createOrg, createPartnership, createUser, type ShareOptions } from "../admin/organisations";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { upsertAccounts } from "../mapping/accounts";
import { runMatching } from "../mapping/match-run";
import { type Company, createCompanies } from "./companies";
import { type CrmListSpec, crmList } from "./crm-lists";
import { loadDemoProfiles } from "./profiles";
import { seededRandom } from "./random";

export const DEMO_PASSWORD = "demo password 2026";
export const DEMO_USERS = {
  vendorRep: "riley@northwind.demo",
  vendorManager: "morgan@northwind.demo",
  vendorAdmin: "avery@northwind.demo",
  partnerRep: "dana@bluefin.demo",
};

/** The vendor's demo accounts, also rendered by the demo CRM pages under these record ids. */
export const DEMO_VENDOR_ACCOUNTS: AccountInput[] = [
  {
    crmId: "001Dn00000AcMeQIAT",
    name: "Acme Corporation",
    websites: ["https://www.acme-corp.com"],
    relationship: "opportunity",
    industry: "Manufacturing",
    segment: "enterprise",
    region: "North America",
  },
  {
    crmId: "001Dn00000GlObXIAT",
    name: "Globex",
    websites: ["globex-energy.com"],
    relationship: "prospect",
    industry: "Energy",
    segment: "mid_market",
    region: "EMEA",
  },
  {
    crmId: "001Dn00000InItEIAT",
    name: "Initech",
    websites: ["initech.com"],
    relationship: "customer",
    industry: "Software",
    segment: "mid_market",
    region: "North America",
  },
  {
    crmId: "001Dn00000UmBrLIAT",
    name: "Umbrella Health",
    websites: ["umbrella-health.de"],
    relationship: "prospect",
    industry: "Healthcare",
    segment: "enterprise",
    region: "EMEA",
  },
  {
    crmId: "001Dn00000StArKIAT",
    name: "Stark Logistics",
    websites: [],
    relationship: "prospect",
    industry: "Logistics",
    segment: "smb",
    region: "APAC",
  },
];

/**
 * A record without a website whose name starts like one of a partner's customers ("Delta Faucet
 * Company"): a different company, which a fuzzy name match would wrongly pair.
 */
const NORTHWIND_LOOK_ALIKE: AccountInput = {
  crmId: "001Dn00000DeLtAIAT",
  name: "Delta Air Lines",
  websites: [],
  relationship: "prospect",
  industry: "Hospitality",
  segment: "enterprise",
  region: "North America",
};

interface DemoPartner {
  slug: string;
  name: string;
  /** What the partner shares with Northwind. */
  shares: ShareOptions;
  /** What Northwind shares with the partner. */
  northwindShares: ShareOptions;
  /** Hand-written accounts the walkthrough relies on (Acme and friends). */
  showcase: AccountInput[];
  list: CrmListSpec;
}

const SEED = 2026;
const MARKET_SIZE = 8_000;
const ALL_FIELDS: ShareOptions["fields"] = ["name", "relationship", "owner_name", "owner_email"];
const NORTHWIND_SHARES: ShareOptions = { level: "overlaps", fields: ["name", "relationship", "owner_name"] };

const larger = (company: Company) => (company.segment === "smb" ? 1 : 2);
const inIndustries =
  (...industries: string[]) =>
  (company: Company) =>
    industries.includes(company.industry) ? 3 : 1;

const NORTHWIND_LIST: CrmListSpec = {
  size: 2_500,
  // 15-character Salesforce ids, stored in their 18-character case-safe form as an import would.
  crmId: (n) => toCaseSafeSalesforceId(`001Dn0000${n.toString(36).toUpperCase().padStart(6, "0")}`),
  owners: ["Riley Rep", "Morgan Manager", "Jordan Lee", "Sam Ortega", "Avery Admin"],
  ownerDomain: "northwind.demo",
  mix: { customer: 25, opportunity: 15 },
  affinity: larger,
};

const PARTNERS: DemoPartner[] = [
  {
    slug: "bluefin",
    name: "Bluefin Consulting",
    shares: { level: "overlaps", fields: ALL_FIELDS },
    northwindShares: NORTHWIND_SHARES,
    showcase: [
      {
        crmId: "BF-100",
        name: "ACME Corp.",
        websites: ["acme-corp.com"],
        relationship: "customer",
        ownerName: "Dana Whitfield",
        ownerEmail: "dana@bluefin.demo",
      },
      {
        crmId: "BF-101",
        name: "Umbrella Health GmbH",
        websites: ["https://umbrella-health.de/de"],
        relationship: "opportunity",
        ownerName: "Jonas Berg",
        ownerEmail: "jonas@bluefin.demo",
      },
      {
        crmId: "BF-102",
        name: "Delta Faucet Company",
        websites: ["deltafaucet.com"],
        relationship: "customer",
      },
    ],
    list: {
      size: 1_400,
      crmId: (n) => String(9_312_100_000 + n),
      owners: ["Dana Whitfield", "Jonas Berg", "Amara Singh", "Tomas Rivera"],
      ownerDomain: "bluefin.demo",
      mix: { customer: 35, opportunity: 20 },
      affinity: larger,
    },
  },
  {
    slug: "harbor",
    name: "Harbor Data Platform",
    shares: {
      level: "overlaps",
      populations: ["customer", "opportunity"],
      fields: ["relationship", "owner_name"],
    },
    northwindShares: NORTHWIND_SHARES,
    showcase: [
      {
        crmId: "HD-7",
        name: "Acme Corporation",
        websites: ["data.acme-corp.com"],
        relationship: "customer",
        ownerName: "Priya Natarajan",
      },
      {
        crmId: "HD-8",
        name: "Initech LLC",
        websites: ["initech.com"],
        relationship: "opportunity",
        ownerName: "Lee Chen",
      },
    ],
    list: {
      size: 1_800,
      crmId: (n) => `HD-${1_000 + n}`,
      owners: ["Priya Natarajan", "Lee Chen", "Sofia Marsh"],
      ownerDomain: "harbor.demo",
      mix: { customer: 30, opportunity: 15 },
      affinity: inIndustries("Software", "Biotech", "Financial services"),
    },
  },
  {
    slug: "tidewater",
    name: "Tidewater Managed Services",
    shares: { level: "overlaps", fields: ["relationship"] },
    northwindShares: NORTHWIND_SHARES,
    showcase: [
      { crmId: "TW-1", name: "Acme", websites: ["mailto:it@acme-corp.com"], relationship: "prospect" },
      { crmId: "TW-2", name: "Stark Logistics Ltd", websites: [], relationship: "customer" },
    ],
    list: {
      size: 1_200,
      crmId: (n) => `TW-${100 + n}`,
      owners: ["Cal Doyle", "Ines Duarte"],
      ownerDomain: "tidewater.demo",
      mix: { customer: 40, opportunity: 10 },
      affinity: (company) => (company.segment === "enterprise" ? 3 : 1),
    },
  },
  {
    slug: "keel",
    name: "Keel Security",
    shares: { level: "overlaps", populations: ["customer"], fields: ["name", "relationship"] },
    northwindShares: NORTHWIND_SHARES,
    showcase: [
      { crmId: "KS-1", name: "Globex", websites: ["www.globex-energy.com"], relationship: "customer" },
      // Keel shares customers only: Northwind never learns that Keel is in Acme.
      { crmId: "KS-2", name: "Acme Corporation", websites: ["acme-corp.com"], relationship: "opportunity" },
    ],
    list: {
      size: 1_200,
      crmId: (n) => `KS-${100 + n}`,
      owners: ["Noor Haddad", "Erik Lund"],
      ownerDomain: "keel.demo",
      mix: { customer: 30, opportunity: 20 },
      affinity: inIndustries("Healthcare", "Financial services"),
    },
  },
  {
    slug: "anchor",
    name: "Anchor Resellers",
    // Resells a competing analytics product: both sides share counts only.
    shares: { level: "counts" },
    northwindShares: { level: "counts" },
    showcase: [
      { crmId: "AR-1", name: "Acme Corporation", websites: ["acme-corp.com"], relationship: "customer" },
    ],
    list: {
      size: 1_500,
      crmId: (n) => `AR-${100 + n}`,
      owners: ["Rita Gomez", "Paul Amsel"],
      ownerDomain: "anchor.demo",
      mix: { customer: 45, opportunity: 15 },
    },
  },
];

/**
 * Whether the demo is there: its users, whom `demo load` then names to sign in as. The load is one
 * transaction, so they are there only with the rest of it. The vendor's slug alone is not enough:
 * an organisation an admin added as `northwind` (as the README's CLI example does) was taken for the
 * demo, and `demo load` said it was already loaded and named demo users who did not exist.
 */
export async function isDemoLoaded(db: Db): Promise<boolean> {
  const emails = Object.values(DEMO_USERS);
  const found = await db.select({ email: users.email }).from(users).where(inArray(users.email, emails));
  return found.length === emails.length;
}

/**
 * Loads in one transaction: a load that fails half-way (a slug or email already taken, an interrupted
 * process) leaves nothing behind, where it used to leave the vendor in place, and `isDemoLoaded`
 * then took the half-loaded demo for a loaded one.
 */
export function loadDemoData(db: Db): Promise<void> {
  return db.transaction((tx) => loadDemoDataIn(tx));
}

async function loadDemoDataIn(db: Db): Promise<void> {
  const random = seededRandom(SEED);
  const market = createCompanies(random, MARKET_SIZE);

  const northwind = await createOrg(db, { slug: "northwind", name: "Northwind Analytics" });
  const vendorUsers = [
    { email: DEMO_USERS.vendorRep, role: "rep", name: "Riley Rep" },
    { email: DEMO_USERS.vendorManager, role: "manager", name: "Morgan Manager" },
    { email: DEMO_USERS.vendorAdmin, role: "admin", name: "Avery Admin" },
  ] as const;
  for (const user of vendorUsers) {
    await createUser(db, { ...user, orgSlug: "northwind", password: DEMO_PASSWORD });
  }
  await upsertAccounts(db, northwind.id, [
    ...DEMO_VENDOR_ACCOUNTS,
    NORTHWIND_LOOK_ALIKE,
    ...crmList(random, market, NORTHWIND_LIST),
  ]);

  for (const partner of PARTNERS) {
    const org = await createOrg(db, { slug: partner.slug, name: partner.name });
    await createPartnership(db, {
      orgSlug: "northwind",
      partnerSlug: partner.slug,
      share: partner.northwindShares,
      partnerShare: partner.shares,
    });
    await upsertAccounts(db, org.id, [...partner.showcase, ...crmList(random, market, partner.list)]);
  }
  await createUser(db, {
    email: DEMO_USERS.partnerRep,
    orgSlug: "bluefin",
    role: "partner_rep",
    name: "Dana Whitfield",
    password: DEMO_PASSWORD,
  });
  await runMatching(db);
  await loadDemoProfiles(db);
}
