-- The feed records a change to an overlap only for a viewer who is shown that overlap before or
-- after the change.
--
-- Before, a change around an overlap the viewer was never shown (a partner's population it does not
-- share, a partner at "counts" level, a pair flagged "not a match") was still recorded, and the feed,
-- which reads each changed overlap back through partner_overlaps, sent it as a tombstone. Renaming
-- one's own account then told which accounts a partner holds in populations it keeps to itself, and
-- a profile or solution map saved told how many. Migration 0015 did this for a partner's account
-- fields only; here every trigger that records overlaps applies the reading of partner_overlaps
-- (migration 0003) to the state before or after its change.

-- Whether the partner's sharing rule shows an overlap to its viewer, "not a match" flags aside.
-- True when the rule or the partner's account is gone (an organisation being deleted): a tombstone
-- too many is harmless there, one too few leaves a stale overlap in a cache.
CREATE FUNCTION overlap_shared_by_rule(p_partnership_id uuid, p_partner_org_id uuid, p_partner_account_id uuid)
RETURNS boolean LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT coalesce(
    (SELECT r.level = 'overlaps' AND pa.relationship = ANY (r.populations)
     FROM sharing_rules r, accounts pa
     WHERE r.partnership_id = p_partnership_id AND r.org_id = p_partner_org_id AND pa.id = p_partner_account_id),
    true)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION overlap_shared_by_rule(uuid, uuid, uuid) FROM PUBLIC;
--> statement-breakpoint

-- The "not a match" flags, from either side, on the pair of accounts of an overlap.
CREATE FUNCTION overlap_flags(p_org_id uuid, p_account_id uuid, p_partner_org_id uuid, p_partner_account_id uuid)
RETURNS bigint LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT count(*) FROM overlap_corrections c, accounts a, accounts pa
  WHERE a.id = p_account_id AND pa.id = p_partner_account_id
    AND ((c.org_id = p_org_id AND c.crm_id = a.crm_id AND c.partner_org_id = p_partner_org_id AND c.partner_crm_id = pa.crm_id)
      OR (c.org_id = p_partner_org_id AND c.crm_id = pa.crm_id AND c.partner_org_id = p_org_id AND c.partner_crm_id = a.crm_id))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION overlap_flags(uuid, uuid, uuid, uuid) FROM PUBLIC;
--> statement-breakpoint

-- Whether partner_overlaps shows the overlap to its viewer now.
CREATE FUNCTION overlap_shown(o account_overlaps) RETURNS boolean
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT overlap_shared_by_rule(o.partnership_id, o.partner_org_id, o.partner_account_id)
     AND overlap_flags(o.org_id, o.account_id, o.partner_org_id, o.partner_account_id) = 0
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION overlap_shown(account_overlaps) FROM PUBLIC;
--> statement-breakpoint

-- Matching adds, updates and removes overlaps without changing whether they are shown.
CREATE OR REPLACE FUNCTION account_overlaps_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF overlap_shown(OLD) THEN
      PERFORM record_change(OLD.org_id, NULL, 'overlap', OLD.id::text, 'delete');
    END IF;
    RETURN OLD;
  END IF;
  IF overlap_shown(NEW) THEN
    PERFORM record_change(NEW.org_id, NULL, 'overlap', NEW.id::text, 'upsert');
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint

-- As in 0015, and only for overlaps shown: the viewer's own fields do not change what is shown, and a
-- flagged pair is hidden whatever the partner's account becomes.
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
      AND r.level = 'overlaps'
      AND (
        (OLD.relationship = ANY (r.populations)) IS DISTINCT FROM (NEW.relationship = ANY (r.populations))
        OR (NEW.relationship = ANY (r.populations) AND (
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

-- Overlaps the rule showed before or shows now.
CREATE OR REPLACE FUNCTION sharing_rules_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  FOR o IN
    SELECT ov.id, ov.org_id FROM account_overlaps ov
    JOIN accounts pa ON pa.id = ov.partner_account_id
    WHERE ov.partnership_id = NEW.partnership_id AND ov.org_id = NEW.partner_org_id
      AND ((OLD.level = 'overlaps' AND pa.relationship = ANY (OLD.populations))
        OR (NEW.level = 'overlaps' AND pa.relationship = ANY (NEW.populations)))
      AND overlap_flags(ov.org_id, ov.account_id, ov.partner_org_id, ov.partner_account_id) = 0
  LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint

-- A flag added or taken back changes what is shown only where the rule shows the overlap and no other
-- flag hides it: after an insert, the new flag is the only one; after a delete, none is left.
CREATE OR REPLACE FUNCTION overlap_corrections_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE c record; o record;
BEGIN
  c := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  FOR o IN
    SELECT ov.id, ov.org_id FROM account_overlaps ov
    JOIN accounts a ON a.id = ov.account_id
    JOIN accounts pa ON pa.id = ov.partner_account_id
    WHERE ((ov.org_id = c.org_id AND a.crm_id = c.crm_id AND ov.partner_org_id = c.partner_org_id AND pa.crm_id = c.partner_crm_id)
        OR (ov.org_id = c.partner_org_id AND a.crm_id = c.partner_crm_id AND ov.partner_org_id = c.org_id AND pa.crm_id = c.crm_id))
      AND overlap_shared_by_rule(ov.partnership_id, ov.partner_org_id, ov.partner_account_id)
      AND overlap_flags(ov.org_id, ov.account_id, ov.partner_org_id, ov.partner_account_id)
        = CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE 1 END
  LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN c;
END
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION partner_profiles_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  FOR o IN SELECT ov.id, ov.org_id FROM account_overlaps ov WHERE ov.partner_org_id = NEW.org_id AND overlap_shown(ov) LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION solution_maps_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  FOR o IN SELECT ov.id FROM account_overlaps ov WHERE ov.org_id = NEW.org_id AND overlap_shown(ov) LOOP
    PERFORM record_change(NEW.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION orgs_renamed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  FOR o IN SELECT ov.id, ov.org_id FROM account_overlaps ov WHERE ov.partner_org_id = NEW.id AND overlap_shown(ov) LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
