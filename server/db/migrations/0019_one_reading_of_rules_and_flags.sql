-- What a sharing rule shows, and which "not a match" flags hide a pair, each had its reading written
-- out wherever a query needed it: the partner_overlaps view (0003), overlap_shared_by_rule() and
-- overlap_flags() (0017), the triggers on accounts, sharing_rules and overlap_corrections (0017), the
-- statement trigger on account_overlaps (0018) and the server's corrections module. A change to either
-- reading had to find them all. Each reading is now one function, and every one of those places calls it.
--
-- Both functions are a single expression with no subquery, no SET clause and no SECURITY DEFINER, so
-- PostgreSQL inlines them where they are called: the plans are those of the expressions written out,
-- and the anti-join on the flags still uses the flags' primary key.

-- Whether a rule at `p_level` sharing `p_populations` shows a partner's account in `p_relationship`.
CREATE FUNCTION rule_shows(p_level text, p_populations text[], p_relationship text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT p_level = 'overlaps' AND p_relationship = ANY (p_populations)
$$;
--> statement-breakpoint

-- Whether flag `c` is on the pair of accounts (`p_crm_id` of `p_org_id`, `p_partner_crm_id` of
-- `p_partner_org_id`): a flag from either side hides the pair from both.
CREATE FUNCTION flag_on_pair(
  c overlap_corrections, p_org_id uuid, p_crm_id text, p_partner_org_id uuid, p_partner_crm_id text
) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (c.org_id = p_org_id AND c.crm_id = p_crm_id AND c.partner_org_id = p_partner_org_id AND c.partner_crm_id = p_partner_crm_id)
      OR (c.org_id = p_partner_org_id AND c.crm_id = p_partner_crm_id AND c.partner_org_id = p_org_id AND c.partner_crm_id = p_crm_id)
$$;
--> statement-breakpoint

CREATE OR REPLACE VIEW partner_overlaps AS
SELECT
  o.id AS overlap_id,
  o.org_id,
  o.account_id,
  a.crm_id,
  o.partnership_id,
  o.partner_org_id,
  po.name AS partner_name,
  o.method,
  o.confidence,
  o.matched_on,
  CASE WHEN 'relationship' = ANY (r.fields) THEN pa.relationship END AS partner_relationship,
  CASE WHEN 'name' = ANY (r.fields) THEN pa.name END AS partner_account_name,
  CASE WHEN 'owner_name' = ANY (r.fields) THEN pa.owner_name END AS partner_owner_name,
  CASE WHEN 'owner_email' = ANY (r.fields) THEN pa.owner_email END AS partner_owner_email
FROM account_overlaps o
JOIN accounts a ON a.id = o.account_id
JOIN accounts pa ON pa.id = o.partner_account_id
JOIN orgs po ON po.id = o.partner_org_id
JOIN sharing_rules r ON r.partnership_id = o.partnership_id AND r.org_id = o.partner_org_id
WHERE o.org_id = (nullif(current_setting('app.org_id', true), ''))::uuid
  AND rule_shows(r.level, r.populations, pa.relationship)
  AND NOT EXISTS (
    SELECT 1 FROM overlap_corrections c WHERE flag_on_pair(c, o.org_id, a.crm_id, o.partner_org_id, pa.crm_id)
  );
--> statement-breakpoint

CREATE OR REPLACE FUNCTION overlap_shared_by_rule(p_partnership_id uuid, p_partner_org_id uuid, p_partner_account_id uuid)
RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(
    (SELECT rule_shows(r.level, r.populations, pa.relationship)
     FROM sharing_rules r, accounts pa
     WHERE r.partnership_id = p_partnership_id AND r.org_id = p_partner_org_id AND pa.id = p_partner_account_id),
    true)
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION overlap_flags(p_org_id uuid, p_account_id uuid, p_partner_org_id uuid, p_partner_account_id uuid)
RETURNS bigint LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT count(*) FROM overlap_corrections c, accounts a, accounts pa
  WHERE a.id = p_account_id AND pa.id = p_partner_account_id
    AND flag_on_pair(c, p_org_id, a.crm_id, p_partner_org_id, pa.crm_id)
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION account_overlaps_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM changed_overlaps) THEN
    RETURN NULL;
  END IF;
  -- As record_change(): writers of the feed take turns until they commit, so seq order is commit order.
  PERFORM pg_advisory_xact_lock(7313001);
  INSERT INTO changes (org_id, user_id, entity, entity_id, op)
  SELECT o.org_id, NULL, 'overlap', o.id::text, CASE WHEN TG_OP = 'DELETE' THEN 'delete' ELSE 'upsert' END
  FROM changed_overlaps o
  -- As overlap_shared_by_rule(): hidden only by a rule and an account that are there and say so; an
  -- overlap deleted with its partner's account gets its tombstone.
  WHERE NOT EXISTS (
      SELECT 1 FROM sharing_rules r, accounts pa
      WHERE r.partnership_id = o.partnership_id AND r.org_id = o.partner_org_id AND pa.id = o.partner_account_id
        AND NOT rule_shows(r.level, r.populations, pa.relationship))
    AND NOT EXISTS (
      SELECT 1 FROM accounts a, accounts pa, overlap_corrections c
      WHERE a.id = o.account_id AND pa.id = o.partner_account_id
        AND flag_on_pair(c, o.org_id, a.crm_id, o.partner_org_id, pa.crm_id))
  ORDER BY o.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION accounts_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  IF (OLD.name, OLD.industry, OLD.segment, OLD.region)
     IS DISTINCT FROM (NEW.name, NEW.industry, NEW.segment, NEW.region) THEN
    FOR o IN SELECT ov.id, ov.org_id FROM account_overlaps ov WHERE ov.account_id = NEW.id AND overlap_shown(ov) LOOP
      PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
    END LOOP;
  END IF;
  FOR o IN
    SELECT ov.id, ov.org_id FROM account_overlaps ov
    JOIN sharing_rules r ON r.partnership_id = ov.partnership_id AND r.org_id = ov.partner_org_id
    WHERE ov.partner_account_id = NEW.id
      AND (
        rule_shows(r.level, r.populations, OLD.relationship) IS DISTINCT FROM rule_shows(r.level, r.populations, NEW.relationship)
        OR (rule_shows(r.level, r.populations, NEW.relationship) AND (
             ('name' = ANY (r.fields) AND OLD.name IS DISTINCT FROM NEW.name)
          OR ('relationship' = ANY (r.fields) AND OLD.relationship IS DISTINCT FROM NEW.relationship)
          OR ('owner_name' = ANY (r.fields) AND OLD.owner_name IS DISTINCT FROM NEW.owner_name)
          OR ('owner_email' = ANY (r.fields) AND OLD.owner_email IS DISTINCT FROM NEW.owner_email)))
      )
      AND overlap_flags(ov.org_id, ov.account_id, ov.partner_org_id, ov.partner_account_id) = 0
  LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION sharing_rules_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  FOR o IN
    SELECT ov.id, ov.org_id FROM account_overlaps ov
    JOIN accounts pa ON pa.id = ov.partner_account_id
    WHERE ov.partnership_id = NEW.partnership_id AND ov.org_id = NEW.partner_org_id
      AND (rule_shows(OLD.level, OLD.populations, pa.relationship) OR rule_shows(NEW.level, NEW.populations, pa.relationship))
      AND overlap_flags(ov.org_id, ov.account_id, ov.partner_org_id, ov.partner_account_id) = 0
  LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint

-- The overlaps of the flag added or taken back. They are found from the pair's two accounts, by their
-- CRM ids: asked of the overlaps, the question read every overlap of both organisations and called
-- overlap_shared_by_rule() and overlap_flags() on each, so one "not a match" took time in proportion
-- to the size of both account lists.
CREATE OR REPLACE FUNCTION overlap_corrections_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE c overlap_corrections; o record;
BEGIN
  c := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  FOR o IN
    SELECT ov.id, ov.org_id FROM accounts a
    JOIN account_overlaps ov ON ov.account_id = a.id
    JOIN accounts pa ON pa.id = ov.partner_account_id
    WHERE (a.org_id, a.crm_id) IN ((c.org_id, c.crm_id), (c.partner_org_id, c.partner_crm_id))
      AND flag_on_pair(c, ov.org_id, a.crm_id, ov.partner_org_id, pa.crm_id)
      AND overlap_shared_by_rule(ov.partnership_id, ov.partner_org_id, ov.partner_account_id)
      AND overlap_flags(ov.org_id, ov.account_id, ov.partner_org_id, ov.partner_account_id)
        = CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE 1 END
  LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN c;
END
$$;
