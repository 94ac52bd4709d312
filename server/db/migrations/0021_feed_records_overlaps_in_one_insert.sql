-- Saving a solution map or a partner profile, or renaming an organisation, changes how every overlap
-- it concerns is scored or named, so the feed records each of them again. Each was recorded in a loop,
-- one overlap at a time, asking overlap_shown() (which PostgreSQL cannot inline) and calling
-- record_change(): about 230 µs an overlap, so saving the solution map of an organisation with
-- 100,000 overlaps held the admin's request, and the feed's lock, for over 20 seconds. Each trigger now
-- records its overlaps in one insert, from a view of the overlaps shown now.

-- The overlaps partner_overlaps (migration 0019) shows to their viewers, "not a match" flags and
-- sharing rules applied, with every column of account_overlaps. Only the feed's triggers read it;
-- unlike partner_overlaps it is not limited to the caller's organisation.
CREATE VIEW shown_overlaps AS
SELECT o.*
FROM account_overlaps o
-- As overlap_shared_by_rule(): hidden only by a rule and an account that are there and say so.
WHERE NOT EXISTS (
    SELECT 1 FROM sharing_rules r, accounts pa
    WHERE r.partnership_id = o.partnership_id AND r.org_id = o.partner_org_id AND pa.id = o.partner_account_id
      AND NOT rule_shows(r.level, r.populations, pa.relationship))
  AND NOT EXISTS (
    SELECT 1 FROM accounts a, accounts pa, overlap_corrections c
    WHERE a.id = o.account_id AND pa.id = o.partner_account_id
      AND flag_on_pair(c, o.org_id, a.crm_id, o.partner_org_id, pa.crm_id));
--> statement-breakpoint
-- The default privileges of migration 0000 grant every new table and view to the app's role.
REVOKE ALL ON shown_overlaps FROM cosell_app;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION solution_maps_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  -- As record_change(): writers of the feed take turns until they commit, so seq order is commit order.
  PERFORM pg_advisory_xact_lock(7313001);
  INSERT INTO changes (org_id, user_id, entity, entity_id, op)
  SELECT o.org_id, NULL, 'overlap', o.id::text, 'upsert' FROM shown_overlaps o
  WHERE o.org_id = NEW.org_id ORDER BY o.id;
  RETURN NEW;
END
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION partner_profiles_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7313001);
  INSERT INTO changes (org_id, user_id, entity, entity_id, op)
  SELECT o.org_id, NULL, 'overlap', o.id::text, 'upsert' FROM shown_overlaps o
  WHERE o.partner_org_id = NEW.org_id ORDER BY o.id;
  RETURN NEW;
END
$$;
--> statement-breakpoint

CREATE OR REPLACE FUNCTION orgs_renamed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7313001);
  INSERT INTO changes (org_id, user_id, entity, entity_id, op)
  SELECT o.org_id, NULL, 'overlap', o.id::text, 'upsert' FROM shown_overlaps o
  WHERE o.partner_org_id = NEW.id ORDER BY o.id;
  RETURN NEW;
END
$$;
