/**
 * Two tenants that must never see each other. "Home" is the caller's organisation, partnered with
 * "home partner". "Foreign" is partnered only with "foreign partner" and holds one of every kind of
 * object, every text of it carrying a unique tag, so a leak shows up as that tag (or one of its
 * ids) in a response to a home caller. All four organisations list an account on the same domain,
 * so a route that matches across tenants without a partnership would leak too.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { AccountInput } from "../../../src/contract/accounts";
import { createPartnership } from "../../admin/organisations";
import { type Database, rows } from "../../db/client";
import {
  importRuns,
  introRequests,
  overlapCorrections,
  partnerProfiles,
  solutionMaps,
  teams,
  userSettings,
} from "../../db/schema";
import { upsertAccounts } from "../../mapping/accounts";
import { runMatching } from "../../mapping/match-run";
import { createTestOrg } from "../../testing/fixtures";
import type { ApiRequest, ApiResponse } from "./requests";
import type { StringPools } from "./valid-values";

export type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

export interface ForeignTenant extends TestOrg {
  partner: TestOrg;
  partnershipId: string;
  accountIds: string[];
  overlapIds: string[];
  importRunId: string;
  notAMatchFlagId: string;
}

export interface TenantWorld {
  home: TestOrg;
  homePartner: TestOrg;
  foreign: ForeignTenant;
  /** Strings of the foreign tenants that no answer to a home caller may contain. */
  markers: string[];
  /** The foreign tenants' identifiers, for requests that refer to them. */
  pools: StringPools;
}

const shareEverything = {
  level: "overlaps" as const,
  fields: ["name" as const, "relationship" as const, "owner_name" as const, "owner_email" as const],
};

export async function buildTenantWorld(database: Database): Promise<TenantWorld> {
  const { db } = database;
  const homeTag = `home${randomUUID().slice(0, 8)}`;
  const foreignTag = `foreign${randomUUID().slice(0, 8)}`;
  const sharedDomain = `shared-${homeTag}.com`;

  const home = await createTestOrg(database, `Home ${homeTag}`);
  const homePartner = await createTestOrg(database, `Home partner ${homeTag}`);
  const foreign = await createTestOrg(database, `Foreign ${foreignTag}`);
  const foreignPartner = await createTestOrg(database, `Foreign partner ${foreignTag}`);
  await createPartnership(db, {
    orgSlug: home.slug,
    partnerSlug: homePartner.slug,
    share: shareEverything,
    partnerShare: shareEverything,
  });
  const partnership = await createPartnership(db, {
    orgSlug: foreign.slug,
    partnerSlug: foreignPartner.slug,
    share: shareEverything,
    partnerShare: shareEverything,
  });

  const account = (tag: string, n: number, relationship: AccountInput["relationship"]): AccountInput => ({
    crmId: `${tag}-crm-${n}`,
    name: `${tag} account ${n}`,
    websites: [n === 1 ? sharedDomain : `${tag}-${n}.com`],
    relationship,
    ownerName: `${tag} owner ${n}`,
    ownerEmail: `owner${n}@${tag}.example`,
    industry: `${tag} industry`,
    segment: "enterprise",
    region: `${tag} region`,
  });
  await upsertAccounts(db, home.org.id, [account(homeTag, 1, "prospect"), account(homeTag, 2, "customer")]);
  await upsertAccounts(db, homePartner.org.id, [account(`${homeTag}partner`, 1, "customer")]);
  await upsertAccounts(db, foreign.org.id, [
    account(foreignTag, 1, "opportunity"),
    account(foreignTag, 2, "customer"),
  ]);
  await upsertAccounts(db, foreignPartner.org.id, [account(`${foreignTag}partner`, 1, "customer")]);
  await runMatching(db, { orgId: home.org.id });
  await runMatching(db, { orgId: foreign.org.id });

  const accountIds = await idsOf(
    database,
    sql`select id from accounts where org_id in (${foreign.org.id}, ${foreignPartner.org.id})`,
  );
  const overlapIds = await idsOf(
    database,
    sql`select id from account_overlaps where partnership_id = ${partnership.id}`,
  );
  const [foreignAccount, partnerAccount] = await idsOf(
    database,
    sql`select id from accounts where crm_id in (${`${foreignTag}-crm-1`}, ${`${foreignTag}partner-crm-1`}) order by org_id = ${foreign.org.id} desc`,
  );
  if (overlapIds.length === 0) {
    throw new Error("The foreign tenants' accounts did not match; the world is not set up.");
  }

  const [run] = await db
    .insert(importRuns)
    .values({
      orgId: foreign.org.id,
      source: `${foreignTag}.csv`,
      status: "applied",
      rowsOk: 2,
      rowsFailed: 1,
      errors: [{ line: 3, reason: `${foreignTag} bad row` }],
    })
    .returning();
  const introId = randomUUID();
  await db.insert(introRequests).values({
    id: introId,
    fromOrgId: foreign.org.id,
    toOrgId: foreignPartner.org.id,
    partnershipId: partnership.id,
    requesterUserId: foreign.users.rep.id,
    accountId: foreignAccount,
    partnerAccountId: partnerAccount,
    message: `${foreignTag} intro message`,
  });
  const [team] = await db
    .insert(teams)
    .values({ orgId: foreign.org.id, name: `${foreignTag} team` })
    .returning();
  await db.insert(partnerProfiles).values({
    orgId: foreign.org.id,
    solutionAreas: [`${foreignTag} area`],
    offerings: [`${foreignTag} offering`],
  });
  await db.insert(solutionMaps).values({ orgId: foreign.org.id, covers: [`${foreignTag} cover`] });
  await db
    .insert(userSettings)
    .values({ userId: foreign.users.rep.id, orgId: foreign.org.id, settings: { sidebarCollapsed: true } });
  const [flag] = await db
    .insert(overlapCorrections)
    .values({
      orgId: foreign.org.id,
      crmId: `${foreignTag}-crm-2`,
      partnerOrgId: foreignPartner.org.id,
      partnerCrmId: `${foreignTag}partner-crm-9`,
      reason: `${foreignTag} correction`,
    })
    .returning();

  const foreignOrgs = [foreign, foreignPartner];
  const users = foreignOrgs.flatMap((org) => Object.values(org.users));
  const ids = [
    ...foreignOrgs.map((org) => org.org.id),
    ...users.map((user) => user.id),
    ...accountIds,
    ...overlapIds,
    partnership.id,
    run!.id,
    introId,
    team!.id,
    flag!.id,
  ];
  return {
    home,
    homePartner,
    foreign: {
      ...foreign,
      partner: foreignPartner,
      partnershipId: partnership.id,
      accountIds,
      overlapIds,
      importRunId: run!.id,
      notAMatchFlagId: flag!.id,
    },
    markers: [foreignTag, ...foreignOrgs.map((org) => org.slug), ...ids],
    pools: {
      uuid: ids,
      email: [...users.map((user) => user.email), `owner1@${foreignTag}.example`],
      text: [
        `${foreignTag}-crm-1`,
        `${foreignTag}-crm-2`,
        `${foreignTag}partner-crm-1`,
        `${foreignTag} account 1`,
        ...foreignOrgs.map((org) => org.slug),
      ],
    },
  };
}

async function idsOf(database: Database, query: ReturnType<typeof sql>): Promise<string[]> {
  return (await rows<{ id: string }>(database.db, query)).map((row) => row.id);
}

/**
 * The foreign markers in an answer. A marker the request itself contained (an id in the path, a
 * crm id in the query) may be echoed back: that tells the caller nothing new.
 */
export function leakedMarkers(world: TenantWorld, request: ApiRequest, response: ApiResponse): string[] {
  const asked = `${request.url} ${safelyDecoded(request.url)} ${request.body ?? ""}`.toLowerCase();
  const answered = response.text.toLowerCase();
  return world.markers.filter((marker) => {
    const needle = marker.toLowerCase();
    return answered.includes(needle) && !asked.includes(needle);
  });
}

function safelyDecoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
