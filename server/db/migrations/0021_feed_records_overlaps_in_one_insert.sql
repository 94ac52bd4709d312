-- Saving a solution map or a partner profile, renaming an organisation or changing a sharing rule
-- changes how every overlap it concerns is scored, named or shown, so the feed records each of them
-- again. Each was recorded in a loop, one overlap at a time, through functions PostgreSQL cannot
-- inline (overlap_shown(), overlap_flags()) and record_change(): 120 to 230 µs an overlap, so saving
-- the solution map of an organisation with 100,000 overlaps held the admin's request, and the feed's
-- lock, for over 20 seconds. Each trigger now records its overlaps in one insert, from views of the
-- overlaps no flag hides and of those shown now.

-- Overlaps with no "not a match" flag on their pair, from either side, with every column of
-- account_overlaps. Only the feed's triggers read these views: unlike partner_overlaps they are not
-- limited to the caller's organisation.
CREATE VIEW unflagged_overlaps AS
SELECT o.*
FROM account_overlaps o
WHERE NOT EXISTS (
  SELECT 1 FROM accounts a, accounts pa, overlap_corrections c
  WHERE a.id = o.account_id AND pa.id = o.partner_account_id
    AND flag_on_pair(c, o.org_id, a.crm_id, o.partner_org_id, pa.crm_id));
--> statement-breakpoint
-- The default privileges of migration 0000 grant every new table and view to the app's role.
REVOKE ALL ON unflagged_overlaps FROM cosell_app;
--> statement-breakpoint

-- The overlaps partner_overlaps (migration 0019) shows to their viewers: unflagged, and shown by the
-- partner's sharing rule.
CREATE VIEW shown_overlaps AS
SELECT o.*
FROM unflagged_overlaps o
-- As overlap_shared_by_rule(): hidden only by a rule and an account that are there and say so.
WHERE NOT EXISTS (
  SELECT 1 FROM sharing_rules r, accounts pa
  WHERE r.partnership_id = o.partnership_id AND r.org_id = o.partner_org_id AND pa.id = o.partner_account_id
    AND NOT rule_shows(r.level, r.populations, pa.relationship));
--> statement-breakpoint
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
--> statement-breakpoint

-- Overlaps the rule showed before or shows now.
CREATE OR REPLACE FUNCTION sharing_rules_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7313001);
  INSERT INTO changes (org_id, user_id, entity, entity_id, op)
  SELECT o.org_id, NULL, 'overlap', o.id::text, 'upsert' FROM unflagged_overlaps o
  JOIN accounts pa ON pa.id = o.partner_account_id
  WHERE o.partnership_id = NEW.partnership_id AND o.org_id = NEW.partner_org_id
    AND (rule_shows(OLD.level, OLD.populations, pa.relationship) OR rule_shows(NEW.level, NEW.populations, pa.relationship))
  ORDER BY o.id;
  RETURN NEW;
END
$$;
