CREATE TABLE "import_rows" (
	"run_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"account" jsonb NOT NULL,
	CONSTRAINT "import_rows_run_id_line_pk" PRIMARY KEY("run_id","line")
);
--> statement-breakpoint
ALTER TABLE "import_rows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'staging' NOT NULL,
	"rows_ok" integer DEFAULT 0 NOT NULL,
	"rows_failed" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "import_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "intro_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"from_org_id" uuid NOT NULL,
	"to_org_id" uuid NOT NULL,
	"partnership_id" uuid NOT NULL,
	"requester_user_id" uuid,
	"account_id" uuid,
	"partner_account_id" uuid,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"responder_user_id" uuid,
	"response_message" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "intro_requests_status" CHECK ("intro_requests"."status" in ('pending', 'accepted', 'declined', 'expired', 'withdrawn'))
);
--> statement-breakpoint
ALTER TABLE "intro_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "partner_profiles" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"solution_areas" text[] DEFAULT '{}' NOT NULL,
	"offerings" text[] DEFAULT '{}' NOT NULL,
	"track" text DEFAULT 'complementary' NOT NULL,
	"co_sell_opt_in" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "partner_profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "solution_maps" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"covers" text[] DEFAULT '{}' NOT NULL,
	"leaves_to_partners" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target" jsonb DEFAULT '{"segments":[],"industries":[],"regions":[]}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "solution_maps" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "user_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intro_requests" ADD CONSTRAINT "intro_requests_from_org_id_orgs_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intro_requests" ADD CONSTRAINT "intro_requests_to_org_id_orgs_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intro_requests" ADD CONSTRAINT "intro_requests_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intro_requests" ADD CONSTRAINT "intro_requests_requester_user_id_users_id_fk" FOREIGN KEY ("requester_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intro_requests" ADD CONSTRAINT "intro_requests_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intro_requests" ADD CONSTRAINT "intro_requests_partner_account_id_accounts_id_fk" FOREIGN KEY ("partner_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intro_requests" ADD CONSTRAINT "intro_requests_responder_user_id_users_id_fk" FOREIGN KEY ("responder_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_profiles" ADD CONSTRAINT "partner_profiles_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "solution_maps" ADD CONSTRAINT "solution_maps_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intro_requests_from" ON "intro_requests" USING btree ("from_org_id","created_at");--> statement-breakpoint
CREATE INDEX "intro_requests_to" ON "intro_requests" USING btree ("to_org_id","status");--> statement-breakpoint
CREATE POLICY "import_rows_own" ON "import_rows" AS PERMISSIVE FOR ALL TO "cosell_app" USING (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "import_runs_own" ON "import_runs" AS PERMISSIVE FOR ALL TO "cosell_app" USING (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "intro_requests_either_side" ON "intro_requests" AS PERMISSIVE FOR SELECT TO "cosell_app" USING ("intro_requests"."from_org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid or "intro_requests"."to_org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "intro_requests_create" ON "intro_requests" AS PERMISSIVE FOR INSERT TO "cosell_app" WITH CHECK ("intro_requests"."from_org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "intro_requests_update" ON "intro_requests" AS PERMISSIVE FOR UPDATE TO "cosell_app" USING ("intro_requests"."from_org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid or "intro_requests"."to_org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK ("intro_requests"."from_org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid or "intro_requests"."to_org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "partner_profiles_visible" ON "partner_profiles" AS PERMISSIVE FOR SELECT TO "cosell_app" USING ("partner_profiles"."org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid or exists (select 1 from partnerships p where (p.org_a = "partner_profiles"."org_id" and p.org_b = (nullif(current_setting('app.org_id', true), ''))::uuid) or (p.org_b = "partner_profiles"."org_id" and p.org_a = (nullif(current_setting('app.org_id', true), ''))::uuid)));--> statement-breakpoint
CREATE POLICY "partner_profiles_own_write" ON "partner_profiles" AS PERMISSIVE FOR ALL TO "cosell_app" USING ("partner_profiles"."org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK ("partner_profiles"."org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "solution_maps_own" ON "solution_maps" AS PERMISSIVE FOR ALL TO "cosell_app" USING (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid) WITH CHECK (org_id = (nullif(current_setting('app.org_id', true), ''))::uuid);--> statement-breakpoint
CREATE POLICY "user_settings_own" ON "user_settings" AS PERMISSIVE FOR ALL TO "cosell_app" USING ("user_settings"."org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid and "user_settings"."user_id" = (nullif(current_setting('app.user_id', true), ''))::uuid) WITH CHECK ("user_settings"."org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid and "user_settings"."user_id" = (nullif(current_setting('app.user_id', true), ''))::uuid);