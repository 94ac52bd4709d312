CREATE TABLE "account_domains" (
	"account_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"domain" text NOT NULL,
	CONSTRAINT "account_domains_account_id_domain_pk" PRIMARY KEY("account_id","domain")
);
--> statement-breakpoint
ALTER TABLE "account_domains" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"crm_id" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"websites" text[] DEFAULT '{}' NOT NULL,
	"relationship" text NOT NULL,
	"owner_name" text,
	"owner_email" text,
	"industry" text,
	"segment" text,
	"region" text,
	"crm_updated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"needs_match" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"subject" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "changes" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"op" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "changes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orgs_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "orgs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "overlap_corrections" (
	"org_id" uuid NOT NULL,
	"crm_id" text NOT NULL,
	"partner_org_id" uuid NOT NULL,
	"partner_crm_id" text NOT NULL,
	"marked_by" uuid,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "overlap_corrections_org_id_crm_id_partner_org_id_partner_crm_id_pk" PRIMARY KEY("org_id","crm_id","partner_org_id","partner_crm_id")
);
--> statement-breakpoint
ALTER TABLE "overlap_corrections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "account_overlaps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"partner_org_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"partner_account_id" uuid NOT NULL,
	"method" text NOT NULL,
	"confidence" double precision NOT NULL,
	"matched_on" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_overlaps" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_a" uuid NOT NULL,
	"org_b" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnerships_distinct" CHECK ("partnerships"."org_a" <> "partnerships"."org_b")
);
--> statement-breakpoint
ALTER TABLE "partnerships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sharing_rules" (
	"partnership_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"partner_org_id" uuid NOT NULL,
	"level" text DEFAULT 'counts' NOT NULL,
	"populations" text[] DEFAULT '{customer,opportunity,prospect}' NOT NULL,
	"fields" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sharing_rules_partnership_id_org_id_pk" PRIMARY KEY("partnership_id","org_id")
);
--> statement-breakpoint
ALTER TABLE "sharing_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"failures" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "teams" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"team_id" uuid,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_role" CHECK ("users"."role" in ('rep', 'partner_rep', 'manager', 'admin'))
);
--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "account_domains" ADD CONSTRAINT "account_domains_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_domains" ADD CONSTRAINT "account_domains_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "changes" ADD CONSTRAINT "changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_corrections" ADD CONSTRAINT "overlap_corrections_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_corrections" ADD CONSTRAINT "overlap_corrections_partner_org_id_orgs_id_fk" FOREIGN KEY ("partner_org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overlap_corrections" ADD CONSTRAINT "overlap_corrections_marked_by_users_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_overlaps" ADD CONSTRAINT "account_overlaps_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_overlaps" ADD CONSTRAINT "account_overlaps_partner_org_id_orgs_id_fk" FOREIGN KEY ("partner_org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_overlaps" ADD CONSTRAINT "account_overlaps_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_overlaps" ADD CONSTRAINT "account_overlaps_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_overlaps" ADD CONSTRAINT "account_overlaps_partner_account_id_accounts_id_fk" FOREIGN KEY ("partner_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_org_a_orgs_id_fk" FOREIGN KEY ("org_a") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_org_b_orgs_id_fk" FOREIGN KEY ("org_b") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_rules" ADD CONSTRAINT "sharing_rules_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_rules" ADD CONSTRAINT "sharing_rules_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sharing_rules" ADD CONSTRAINT "sharing_rules_partner_org_id_orgs_id_fk" FOREIGN KEY ("partner_org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_domains_org_domain" ON "account_domains" USING btree ("org_id","domain");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_org_crm" ON "accounts" USING btree ("org_id","crm_id");--> statement-breakpoint
CREATE INDEX "accounts_org_name_key" ON "accounts" USING btree ("org_id","name_key");--> statement-breakpoint
CREATE INDEX "accounts_needs_match" ON "accounts" USING btree ("org_id") WHERE "accounts"."needs_match";--> statement-breakpoint
CREATE INDEX "audit_log_org_at" ON "audit_log" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "changes_org_seq" ON "changes" USING btree ("org_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "account_overlaps_pair" ON "account_overlaps" USING btree ("account_id","partner_account_id");--> statement-breakpoint
CREATE INDEX "account_overlaps_org_account" ON "account_overlaps" USING btree ("org_id","account_id");--> statement-breakpoint
CREATE INDEX "account_overlaps_partner_account" ON "account_overlaps" USING btree ("partner_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_pair" ON "partnerships" USING btree (least("org_a", "org_b"),greatest("org_a", "org_b"));--> statement-breakpoint
CREATE UNIQUE INDEX "teams_org_name" ON "teams" USING btree ("org_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE POLICY "account_domains_own" ON "account_domains" AS PERMISSIVE FOR ALL TO "cosell_app" USING (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "accounts_own" ON "accounts" AS PERMISSIVE FOR ALL TO "cosell_app" USING (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "audit_log_own" ON "audit_log" AS PERMISSIVE FOR ALL TO "cosell_app" USING (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "changes_own" ON "changes" AS PERMISSIVE FOR SELECT TO "cosell_app" USING ("changes"."org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid and ("changes"."user_id" is null or "changes"."user_id" = (nullif(current_setting('app.user_id', true), ''))::uuid));--> statement-breakpoint
CREATE POLICY "orgs_visible" ON "orgs" AS PERMISSIVE FOR SELECT TO "cosell_app" USING (id = (nullif(current_setting('app.org_id', true), ''))::uuid or exists (select 1 from partnerships p where (p.org_a = id and p.org_b = (nullif(current_setting('app.org_id', true), ''))::uuid) or (p.org_b = id and p.org_a = (nullif(current_setting('app.org_id', true), ''))::uuid)));--> statement-breakpoint
CREATE POLICY "overlap_corrections_own" ON "overlap_corrections" AS PERMISSIVE FOR ALL TO "cosell_app" USING (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "account_overlaps_own" ON "account_overlaps" AS PERMISSIVE FOR ALL TO "cosell_app" USING (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "partnerships_either_side" ON "partnerships" AS PERMISSIVE FOR SELECT TO "cosell_app" USING ("partnerships"."org_a" = (nullif(current_setting('app.org_id', true), ''))::uuid or "partnerships"."org_b" = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "sessions_own" ON "sessions" AS PERMISSIVE FOR ALL TO "cosell_app" USING (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "sharing_rules_either_side" ON "sharing_rules" AS PERMISSIVE FOR SELECT TO "cosell_app" USING ("sharing_rules"."org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid or "sharing_rules"."partner_org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "sharing_rules_own_write" ON "sharing_rules" AS PERMISSIVE FOR UPDATE TO "cosell_app" USING ("sharing_rules"."org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK ("sharing_rules"."org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "teams_own" ON "teams" AS PERMISSIVE FOR ALL TO "cosell_app" USING (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "users_own" ON "users" AS PERMISSIVE FOR ALL TO "cosell_app" USING (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid);