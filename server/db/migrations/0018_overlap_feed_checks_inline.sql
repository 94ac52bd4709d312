-- Matching writes two overlap rows per matched pair, and since migration 0017 the feed trigger asks of
-- each row whether its viewer is shown it. Asked row by row through overlap_shown(), that more than
-- doubled the time matching takes on PostgreSQL: a function with a SET clause is never inlined, and
-- every call changes and restores search_path. The trigger now runs once per statement, on the rows it
-- changed, and records the shown ones in one insert. overlap_shown() stays for the triggers that run
-- once per user action.
DROP TRIGGER account_overlaps_feed ON account_overlaps;
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
        AND NOT (r.level = 'overlaps' AND pa.relationship = ANY (r.populations)))
    -- As overlap_flags(): a "not a match" flag from either side hides the pair.
    AND NOT EXISTS (
      SELECT 1 FROM accounts a, accounts pa, overlap_corrections c
      WHERE a.id = o.account_id AND pa.id = o.partner_account_id
        AND ((c.org_id = o.org_id AND c.crm_id = a.crm_id AND c.partner_org_id = o.partner_org_id AND c.partner_crm_id = pa.crm_id)
          OR (c.org_id = o.partner_org_id AND c.crm_id = pa.crm_id AND c.partner_org_id = o.org_id AND c.partner_crm_id = a.crm_id)))
  ORDER BY o.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER account_overlaps_feed_insert AFTER INSERT ON account_overlaps
REFERENCING NEW TABLE AS changed_overlaps FOR EACH STATEMENT EXECUTE FUNCTION account_overlaps_changed();
--> statement-breakpoint
CREATE TRIGGER account_overlaps_feed_update AFTER UPDATE ON account_overlaps
REFERENCING NEW TABLE AS changed_overlaps FOR EACH STATEMENT EXECUTE FUNCTION account_overlaps_changed();
--> statement-breakpoint
CREATE TRIGGER account_overlaps_feed_delete AFTER DELETE ON account_overlaps
REFERENCING OLD TABLE AS changed_overlaps FOR EACH STATEMENT EXECUTE FUNCTION account_overlaps_changed();
