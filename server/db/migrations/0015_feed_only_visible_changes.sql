-- The feed records a change to an account only where a viewer sees it change.
--
-- Before, any change to a partner's account name, relationship or owner re-sent every overlap on
-- it, whatever the partner's sharing rule said. The content sent was right (unshared fields stay
-- NULL), but the fact of a re-send told the vendor which accounts the partner had changed something
-- on that it keeps to itself, and at "counts" level it sent tombstones for overlaps the vendor was
-- never shown. Now a partner's account counts only through what its rule shares: a shared field
-- that changed, or a relationship change that moves the account into or out of the shared
-- populations.
--
-- And the viewer's own account fields that the feed carries (industry, segment, region, which the
-- extension scores saved accounts with offline) now reach it when they change, not only its name.
CREATE OR REPLACE FUNCTION accounts_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  IF (OLD.name, OLD.industry, OLD.segment, OLD.region)
     IS DISTINCT FROM (NEW.name, NEW.industry, NEW.segment, NEW.region) THEN
    FOR o IN SELECT id, org_id FROM account_overlaps WHERE account_id = NEW.id LOOP
      PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
    END LOOP;
  END IF;
  -- The same reading of the sharing rule as the partner_overlaps view (migration 0003).
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
  LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint
DROP TRIGGER accounts_feed ON accounts;
--> statement-breakpoint
CREATE TRIGGER accounts_feed
AFTER UPDATE OF name, relationship, owner_name, owner_email, industry, segment, region ON accounts
FOR EACH ROW WHEN (
  (OLD.name, OLD.relationship, OLD.owner_name, OLD.owner_email, OLD.industry, OLD.segment, OLD.region)
  IS DISTINCT FROM (NEW.name, NEW.relationship, NEW.owner_name, NEW.owner_email, NEW.industry, NEW.segment, NEW.region)
) EXECUTE FUNCTION accounts_changed();
--> statement-breakpoint

-- A sharing rule saved unchanged, or changed while at "counts" level, changes nothing a partner
-- sees, so it records nothing: otherwise a "counts" partner would be sent a tombstone for each
-- overlap of the partnership.
DROP TRIGGER sharing_rules_feed ON sharing_rules;
--> statement-breakpoint
CREATE TRIGGER sharing_rules_feed AFTER UPDATE ON sharing_rules
FOR EACH ROW WHEN (
  (OLD.level, OLD.populations, OLD.fields) IS DISTINCT FROM (NEW.level, NEW.populations, NEW.fields)
  AND (OLD.level = 'overlaps' OR NEW.level = 'overlaps')
) EXECUTE FUNCTION sharing_rules_changed();
