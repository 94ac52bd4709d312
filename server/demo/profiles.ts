/**
 * Demo profiles, the vendor's solution map and a history of intro requests, so the demo's partners
 * score differently and for reasons a rep can read. Organisations the demo doesn't have are skipped,
 * and loading twice changes nothing but the timestamps.
 */
import { createHash } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import type { ProfileInput } from "../../src/contract/profiles";
import type { VendorSolutionMap } from "../../src/scoring";
import { type Db, rows } from "../db/client";
import { introRequests, orgs } from "../db/schema";
import { writeProfile } from "../scoring/profiles";
import { writeSolutionMap } from "../scoring/solution-map";

const VENDOR = "northwind";

const PROFILES: Readonly<Record<string, ProfileInput>> = {
  // The vendor describes itself too: its partners see it in their own accounts.
  northwind: {
    solutionAreas: ["analytics"],
    offerings: ["CRM analytics dashboards for sales teams"],
    track: "technology_alliance",
    coSellOptIn: true,
  },
  bluefin: {
    solutionAreas: ["implementation_services", "integration", "training"],
    offerings: ["Salesforce and analytics rollouts for mid-market and enterprise", "CRM data migration"],
    track: "complementary",
    coSellOptIn: true,
  },
  harbor: {
    solutionAreas: ["data_platform", "integration"],
    offerings: ["Cloud data platform that keeps CRM data clean and joined up"],
    track: "technology_alliance",
    coSellOptIn: true,
  },
  tidewater: {
    solutionAreas: ["managed_services"],
    offerings: ["Runs business applications around the clock for enterprises"],
    track: "referral",
    coSellOptIn: true,
  },
  keel: {
    solutionAreas: ["security"],
    offerings: ["Certified security reviews and monitoring for regulated industries"],
    track: "technology_alliance",
    coSellOptIn: true,
  },
  anchor: {
    solutionAreas: ["licensing_resale", "analytics"],
    offerings: ["Resells a competing business intelligence suite"],
    track: "reseller",
    coSellOptIn: true,
  },
};

/** Northwind Analytics sells CRM analytics dashboards; everything around them it leaves to partners. */
const NORTHWIND_MAP: VendorSolutionMap = {
  covers: ["analytics"],
  leavesToPartners: [
    { area: "implementation_services", reason: "we don't run rollouts ourselves" },
    { area: "data_platform", reason: "we only read data that is already clean" },
    { area: "managed_services", segments: ["enterprise"], reason: "enterprises want someone to run it" },
    {
      area: "security",
      industries: ["Healthcare", "Financial services"],
      reason: "regulators ask for a certified security partner",
    },
  ],
  target: { segments: ["mid_market", "enterprise"], industries: [], regions: ["North America", "EMEA"] },
};

/** Hours each answered intro took, and how many went unanswered until they expired. */
interface IntroHistory {
  accepted: number[];
  declined: number[];
  expired: number;
}

const INTRO_HISTORY: Readonly<Record<string, IntroHistory>> = {
  // Accepts nearly everything within hours.
  bluefin: { accepted: [2, 3, 2, 4, 1, 3, 6, 3, 26, 4, 7], declined: [20], expired: 0 },
  harbor: { accepted: [12, 20, 30, 18, 26, 16], declined: [40, 22], expired: 1 },
  keel: { accepted: [10, 30, 28], declined: [50], expired: 0 },
  // Sells a competing product: rarely says yes, and slowly.
  anchor: { accepted: [140], declined: [90, 120, 75, 200, 96, 110, 80], expired: 2 },
  // Opted in to co-selling, yet never answers.
  tidewater: { accepted: [], declined: [], expired: 9 },
};

const DAY_MS = 24 * 3_600_000;
/** The history spans the half year before the last two weeks, so every intro has had time to be answered. */
const HISTORY_DAYS = 180;
const QUIET_DAYS = 14;

/** The same id for the same intro on every load, so a reload inserts nothing twice. */
function demoUuid(key: string): string {
  const hex = createHash("sha256").update(`cosell-lens demo: ${key}`).digest("hex");
  // Version 8 (custom) and the RFC 9562 variant, so it is a valid UUID.
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Outcome = { status: "accepted" | "declined"; hours: number } | { status: "expired"; hours: null };

/** Accepted, declined and expired intros taken in turn, so no kind of answer bunches up in time. */
function outcomesOf(history: IntroHistory): Outcome[] {
  const queues: Outcome[][] = [
    history.accepted.map((hours) => ({ status: "accepted", hours })),
    history.declined.map((hours) => ({ status: "declined", hours })),
    Array.from({ length: history.expired }, () => ({ status: "expired", hours: null })),
  ];
  const outcomes: Outcome[] = [];
  while (queues.some((queue) => queue.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next) outcomes.push(next);
    }
  }
  return outcomes;
}

const RESPONSE: Readonly<Record<Outcome["status"], string | null>> = {
  accepted: "Happy to. I'll set up a call this week.",
  declined: "Not a fit for this customer right now.",
  expired: null,
};

interface Pair {
  partnership_id: string;
  requester_id: string | null;
  responder_id: string | null;
}

async function loadIntroHistory(
  db: Db,
  vendorId: string,
  partnerId: string,
  slug: string,
  history: IntroHistory,
) {
  const [pair] = await rows<Pair>(
    db,
    sql`select p.id as partnership_id,
          (select id from users where org_id = ${vendorId} and role = 'rep' order by created_at, id limit 1) as requester_id,
          (select id from users where org_id = ${partnerId} order by created_at, id limit 1) as responder_id
        from partnerships p
        where (p.org_a = ${vendorId} and p.org_b = ${partnerId}) or (p.org_a = ${partnerId} and p.org_b = ${vendorId})`,
  );
  if (!pair) return;
  const shared = await rows<{ account_id: string; partner_account_id: string }>(
    db,
    sql`select account_id, partner_account_id from account_overlaps
        where org_id = ${vendorId} and partner_org_id = ${partnerId} order by id`,
  );
  const outcomes = outcomesOf(history);
  const now = Date.now();
  const values = outcomes.map((outcome, index) => {
    const createdAt = new Date(now - (QUIET_DAYS + HISTORY_DAYS * (1 - index / outcomes.length)) * DAY_MS);
    const about = shared.length > 0 ? shared[index % shared.length]! : null;
    return {
      id: demoUuid(`intro ${slug} ${index}`),
      fromOrgId: vendorId,
      toOrgId: partnerId,
      partnershipId: pair.partnership_id,
      requesterUserId: pair.requester_id,
      accountId: about?.account_id ?? null,
      partnerAccountId: about?.partner_account_id ?? null,
      message:
        "Would you introduce us to your contact there? Our dashboards build on the work you do for them.",
      status: outcome.status,
      createdAt,
      respondedAt: outcome.hours === null ? null : new Date(createdAt.getTime() + outcome.hours * 3_600_000),
      responderUserId: outcome.hours === null ? null : pair.responder_id,
      responseMessage: RESPONSE[outcome.status],
    };
  });
  if (values.length > 0) await db.insert(introRequests).values(values).onConflictDoNothing();
}

export async function loadDemoProfiles(db: Db): Promise<void> {
  const found = await db
    .select({ id: orgs.id, slug: orgs.slug, name: orgs.name })
    .from(orgs)
    .where(inArray(orgs.slug, Object.keys(PROFILES)));
  const bySlug = new Map(found.map((org) => [org.slug, org]));

  for (const [slug, profile] of Object.entries(PROFILES)) {
    const org = bySlug.get(slug);
    if (org) await writeProfile(db, org, profile, null);
  }
  const vendor = bySlug.get(VENDOR);
  if (!vendor) return;
  await writeSolutionMap(db, vendor.id, NORTHWIND_MAP, null);
  for (const [slug, history] of Object.entries(INTRO_HISTORY)) {
    const partner = bySlug.get(slug);
    if (partner) await loadIntroHistory(db, vendor.id, partner.id, slug, history);
  }
}
