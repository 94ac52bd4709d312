/**
 * The database schema, as Drizzle tables. `npm run db:generate` turns changes here into a new SQL
 * migration in server/db/migrations; the same migrations run on PGlite and on PostgreSQL.
 *
 * Tenant isolation: every table that holds an organisation's data has row-level security, with
 * policies on `app.org_id`. Request handlers run as the `cosell_app` role inside a transaction
 * that sets it (server/db/tenant.ts), so a query that forgets a WHERE still sees one tenant only.
 * Cross-tenant reads (a partner's shared fields) go through the views defined in the custom
 * migrations, which apply the partner's sharing rules.
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgRole,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** The role request handlers run as; created by the first custom migration. */
export const appRole = pgRole("cosell_app").existing();

const currentOrg = sql`(nullif(current_setting('app.org_id', true), ''))::uuid`;
const currentUser = sql`(nullif(current_setting('app.user_id', true), ''))::uuid`;
const ownRows = (name: string) =>
  pgPolicy(name, {
    as: "permissive",
    for: "all",
    to: appRole,
    using: sql`org_id = ${currentOrg}`,
    withCheck: sql`org_id = ${currentOrg}`,
  });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const orgs = pgTable(
  "orgs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    pgPolicy("orgs_visible", {
      for: "select",
      to: appRole,
      // Your own organisation and the ones you are partnered with (for their display names). The
      // column is qualified: inside the subquery a bare `id` would mean partnerships.id.
      using: sql`${t.id} = ${currentOrg} or exists (select 1 from partnerships p where (p.org_a = ${t.id} and p.org_b = ${currentOrg}) or (p.org_b = ${t.id} and p.org_a = ${currentOrg}))`,
    }),
  ],
).enableRLS();

export const teams = pgTable(
  "teams",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
  },
  (t) => [uniqueIndex("teams_org_name").on(t.orgId, t.name), ownRows("teams_own")],
).enableRLS();

export const ROLES = ["rep", "partner_rep", "manager", "admin"] as const;

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email").on(sql`lower(${t.email})`),
    check("users_role", sql`${t.role} in ('rep', 'partner_rep', 'manager', 'admin')`),
    ownRows("users_own"),
  ],
).enableRLS();

/** Bearer tokens, stored only as SHA-256 hashes. Read by the auth layer, which runs before a tenant is known. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  () => [ownRows("sessions_own")],
).enableRLS();

/** Failed sign-in counters per account and per IP, in the database so every API process shares them. */
export const signInFailures = pgTable("sign_in_failures", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  failures: integer("failures").notNull(),
});

export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    crmId: text("crm_id").notNull(),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    websites: text("websites").array().notNull().default(sql`'{}'`),
    relationship: text("relationship", { enum: ["customer", "opportunity", "prospect"] }).notNull(),
    ownerName: text("owner_name"),
    ownerEmail: text("owner_email"),
    industry: text("industry"),
    segment: text("segment", { enum: ["smb", "mid_market", "enterprise"] }),
    region: text("region"),
    crmUpdatedAt: timestamp("crm_updated_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set when the account changed since the last matching run, so matching is incremental. */
    needsMatch: boolean("needs_match").notNull().default(true),
  },
  (t) => [
    uniqueIndex("accounts_org_crm").on(t.orgId, t.crmId),
    index("accounts_org_name_key").on(t.orgId, t.nameKey),
    index("accounts_needs_match").on(t.orgId).where(sql`${t.needsMatch}`),
    ownRows("accounts_own"),
  ],
).enableRLS();

export const accountDomains = pgTable(
  "account_domains",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.domain] }),
    index("account_domains_org_domain").on(t.orgId, t.domain),
    ownRows("account_domains_own"),
  ],
).enableRLS();

export const partnerships = pgTable(
  "partnerships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgA: uuid("org_a")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    orgB: uuid("org_b")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** Null until the first full matching run of the pair; later runs only re-match changed accounts. */
    matchedAt: timestamp("matched_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("partnerships_pair").on(
      sql`least(${t.orgA}, ${t.orgB})`,
      sql`greatest(${t.orgA}, ${t.orgB})`,
    ),
    check("partnerships_distinct", sql`${t.orgA} <> ${t.orgB}`),
    pgPolicy("partnerships_either_side", {
      for: "select",
      to: appRole,
      using: sql`${t.orgA} = ${currentOrg} or ${t.orgB} = ${currentOrg}`,
    }),
  ],
).enableRLS();

/**
 * What `orgId` shares with `partnerOrgId`: one row per direction of a partnership. The default is
 * counts only; `level = 'overlaps'` reveals the overlapping accounts of the listed populations,
 * with the listed fields.
 */
export const sharingRules = pgTable(
  "sharing_rules",
  {
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    partnerOrgId: uuid("partner_org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    level: text("level", { enum: ["counts", "overlaps"] })
      .notNull()
      .default("counts"),
    populations: text("populations").array().notNull().default(sql`'{customer,opportunity,prospect}'`),
    fields: text("fields").array().notNull().default(sql`'{}'`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.orgId] }),
    pgPolicy("sharing_rules_either_side", {
      for: "select",
      to: appRole,
      using: sql`${t.orgId} = ${currentOrg} or ${t.partnerOrgId} = ${currentOrg}`,
    }),
    pgPolicy("sharing_rules_own_write", {
      for: "update",
      to: appRole,
      using: sql`${t.orgId} = ${currentOrg}`,
      withCheck: sql`${t.orgId} = ${currentOrg}`,
    }),
  ],
).enableRLS();

/**
 * One row per matched pair of accounts and per side, so each organisation's row-level policy
 * sees its own half: `accountId` is the viewer's account, `partnerAccountId` the partner's.
 */
export const overlaps = pgTable(
  // Not "overlaps": that is an SQL keyword.
  "account_overlaps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    partnerOrgId: uuid("partner_org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    partnerAccountId: uuid("partner_account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    method: text("method", { enum: ["domain", "name"] }).notNull(),
    confidence: doublePrecision("confidence").notNull(),
    matchedOn: text("matched_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("account_overlaps_pair").on(t.accountId, t.partnerAccountId),
    index("account_overlaps_org_account").on(t.orgId, t.accountId),
    index("account_overlaps_partner_account").on(t.partnerAccountId),
    ownRows("account_overlaps_own"),
  ],
).enableRLS();

/**
 * "Not a match" flags, keyed by CRM ids rather than row ids so they survive re-imports and
 * re-matching. Either side's flag suppresses the overlap for both sides.
 */
export const overlapCorrections = pgTable(
  "overlap_corrections",
  {
    /** Names the flag in the API (/v1/not-a-match-flags), which must not show the partner's CRM id. */
    id: uuid("id").notNull().defaultRandom().unique(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    crmId: text("crm_id").notNull(),
    partnerOrgId: uuid("partner_org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    partnerCrmId: text("partner_crm_id").notNull(),
    markedBy: uuid("marked_by").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.crmId, t.partnerOrgId, t.partnerCrmId] }),
    ownRows("overlap_corrections_own"),
  ],
).enableRLS();

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    subject: text("subject"),
    details: jsonb("details").notNull().default(sql`'{}'::jsonb`),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_org_at").on(t.orgId, t.id), ownRows("audit_log_own")],
).enableRLS();

/**
 * The delta sync feed: one row per change an organisation's users may see. `seq` comes from a
 * database sequence, so a cursor survives restarts and is consistent across API processes.
 * Writers take a transaction-scoped advisory lock before inserting (server/db/changes.ts), so
 * sequence order is commit order and a reader never skips a change that commits late.
 */
export const changes = pgTable(
  "changes",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    /** Null for a change every user of the organisation sees; set for a user's own settings. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    op: text("op", { enum: ["upsert", "delete"] }).notNull(),
  },
  (t) => [
    index("changes_org_seq").on(t.orgId, t.seq),
    // The newest change a user may see, read with every token check (server/auth/service.ts): the
    // organisation's shared changes and the user's own, each one index lookup.
    index("changes_org_shared_seq").on(t.orgId, t.seq).where(sql`${t.userId} is null`),
    index("changes_user_seq").on(t.userId, t.seq).where(sql`${t.userId} is not null`),
    pgPolicy("changes_own", {
      for: "select",
      to: appRole,
      using: sql`${t.orgId} = ${currentOrg} and (${t.userId} is null or ${t.userId} = ${currentUser})`,
    }),
  ],
).enableRLS();

/**
 * The sync feed's epoch, in its one row. Every cursor carries the epoch it was issued in, and one
 * from another epoch is refused (server/sync/feed-cursor.ts). `npm run cli -- sync reset` moves it
 * on after a backup is restored: positions the extensions hold may then be ones the restored feed
 * never reached, or reaches again with other changes, and would skip those.
 */
export const syncEpoch = pgTable(
  "sync_epoch",
  {
    one: boolean("one").primaryKey().default(true),
    epoch: integer("epoch").notNull().default(0),
  },
  (t) => [check("sync_epoch_one_row", sql`${t.one}`)],
);

/** How an organisation describes itself to its partners: what it offers and whether it co-sells. */
export const partnerProfiles = pgTable(
  "partner_profiles",
  {
    orgId: uuid("org_id")
      .primaryKey()
      .references(() => orgs.id, { onDelete: "cascade" }),
    solutionAreas: text("solution_areas").array().notNull().default(sql`'{}'`),
    offerings: text("offerings").array().notNull().default(sql`'{}'`),
    track: text("track", { enum: ["complementary", "technology_alliance", "referral", "reseller"] })
      .notNull()
      .default("complementary"),
    coSellOptIn: boolean("co_sell_opt_in").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    pgPolicy("partner_profiles_visible", {
      for: "select",
      to: appRole,
      // Your own profile and your partners' (they describe themselves to you).
      using: sql`${t.orgId} = ${currentOrg} or exists (select 1 from partnerships p where (p.org_a = ${t.orgId} and p.org_b = ${currentOrg}) or (p.org_b = ${t.orgId} and p.org_a = ${currentOrg}))`,
    }),
    pgPolicy("partner_profiles_own_write", {
      for: "all",
      to: appRole,
      using: sql`${t.orgId} = ${currentOrg}`,
      withCheck: sql`${t.orgId} = ${currentOrg}`,
    }),
  ],
).enableRLS();

/** The vendor's own product: what it covers, what it leaves to partners, and its target market. */
export const solutionMaps = pgTable(
  "solution_maps",
  {
    orgId: uuid("org_id")
      .primaryKey()
      .references(() => orgs.id, { onDelete: "cascade" }),
    covers: text("covers").array().notNull().default(sql`'{}'`),
    /** OpenNeed[] from src/scoring: area, optional industries/segments/regions, reason. */
    leavesToPartners: jsonb("leaves_to_partners").notNull().default(sql`'[]'::jsonb`),
    /** { segments, industries, regions } */
    target: jsonb("target").notNull().default(sql`'{"segments":[],"industries":[],"regions":[]}'::jsonb`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  () => [ownRows("solution_maps_own")],
).enableRLS();

export const INTRO_STATUSES = ["pending", "accepted", "declined", "expired", "withdrawn"] as const;

/**
 * Warm introduction requests between partners. The id is generated by the requesting client and
 * is the idempotency key, so a retried delivery never creates a second request.
 */
export const introRequests = pgTable(
  "intro_requests",
  {
    id: uuid("id").primaryKey(),
    fromOrgId: uuid("from_org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    toOrgId: uuid("to_org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    partnershipId: uuid("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    requesterUserId: uuid("requester_user_id").references(() => users.id, { onDelete: "set null" }),
    /** The requester's account and the partner's matched account. */
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
    partnerAccountId: uuid("partner_account_id").references(() => accounts.id, { onDelete: "set null" }),
    message: text("message").notNull().default(""),
    status: text("status", { enum: INTRO_STATUSES }).notNull().default("pending"),
    createdAt: createdAt(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    responderUserId: uuid("responder_user_id").references(() => users.id, { onDelete: "set null" }),
    responseMessage: text("response_message"),
    /** Bumped on every transition, for optimistic concurrency when two people answer at once. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("intro_requests_from").on(t.fromOrgId, t.createdAt),
    index("intro_requests_to").on(t.toOrgId, t.status),
    check(
      "intro_requests_status",
      sql`${t.status} in ('pending', 'accepted', 'declined', 'expired', 'withdrawn')`,
    ),
    pgPolicy("intro_requests_either_side", {
      for: "select",
      to: appRole,
      using: sql`${t.fromOrgId} = ${currentOrg} or ${t.toOrgId} = ${currentOrg}`,
    }),
    // Only to a partner, through the partnership between the two. Migration 0020 also holds a request
    // to its two organisations, each side to its own words and turn, and a new one to pending.
    pgPolicy("intro_requests_create", {
      for: "insert",
      to: appRole,
      withCheck: sql`${t.fromOrgId} = ${currentOrg} and exists (select 1 from partnerships p where p.id = ${t.partnershipId} and ((p.org_a = ${t.fromOrgId} and p.org_b = ${t.toOrgId}) or (p.org_b = ${t.fromOrgId} and p.org_a = ${t.toOrgId})))`,
    }),
    pgPolicy("intro_requests_update", {
      for: "update",
      to: appRole,
      using: sql`${t.fromOrgId} = ${currentOrg} or ${t.toOrgId} = ${currentOrg}`,
      withCheck: sql`${t.fromOrgId} = ${currentOrg} or ${t.toOrgId} = ${currentOrg}`,
    }),
  ],
).enableRLS();

/** A user's own settings (e.g. sidebar collapsed), synced to every browser they sign in from. */
export const userSettings = pgTable(
  "user_settings",
  {
    userId: uuid("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    settings: jsonb("settings").notNull().default(sql`'{}'::jsonb`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    pgPolicy("user_settings_own", {
      for: "all",
      to: appRole,
      using: sql`${t.orgId} = ${currentOrg} and ${t.userId} = ${currentUser}`,
      withCheck: sql`${t.orgId} = ${currentOrg} and ${t.userId} = ${currentUser}`,
    }),
  ],
).enableRLS();

/**
 * Account imports. Rows are staged in committed batches (invisible to users) and applied in one
 * transaction at the end, so a crash never leaves a half-import visible and a rerun completes it.
 */
export const importRuns = pgTable(
  "import_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    status: text("status", { enum: ["staging", "applied", "failed"] })
      .notNull()
      .default("staging"),
    rowsOk: integer("rows_ok").notNull().default(0),
    rowsFailed: integer("rows_failed").notNull().default(0),
    /** The first bad rows, as { line, reason }. */
    errors: jsonb("errors").notNull().default(sql`'[]'::jsonb`),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  () => [ownRows("import_runs_own")],
).enableRLS();

export const importRows = pgTable(
  "import_rows",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => importRuns.id, { onDelete: "cascade" }),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    /** An AccountInput. */
    account: jsonb("account").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.line] }), ownRows("import_rows_own")],
).enableRLS();
