-- The feed also carries the viewer's own account name and the partner organisation's name, so an
-- account renamed on either side, or a renamed organisation, must reach both sides' caches.
CREATE OR REPLACE FUNCTION accounts_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  FOR o IN SELECT id, org_id FROM account_overlaps
           WHERE partner_account_id = NEW.id OR account_id = NEW.id LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE FUNCTION orgs_renamed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  FOR o IN SELECT id, org_id FROM account_overlaps WHERE partner_org_id = NEW.id LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_feed AFTER UPDATE OF name ON orgs
FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION orgs_renamed();
