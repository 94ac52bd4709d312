-- The sync feed is written by triggers, so no code path that changes what a user may see can forget
-- to tell their extension. Each trigger records the overlap ids whose visible content may have
-- changed; the sync endpoint reads them back through partner_overlaps and turns anything the viewer
-- may no longer see into a tombstone.

CREATE FUNCTION account_overlaps_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM record_change(OLD.org_id, NULL, 'overlap', OLD.id::text, 'delete');
    RETURN OLD;
  END IF;
  PERFORM record_change(NEW.org_id, NULL, 'overlap', NEW.id::text, 'upsert');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER account_overlaps_feed AFTER INSERT OR UPDATE OR DELETE ON account_overlaps
FOR EACH ROW EXECUTE FUNCTION account_overlaps_changed();
--> statement-breakpoint

-- A partner's account row feeds the fields its partners see (relationship, owner, name).
CREATE FUNCTION accounts_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  FOR o IN SELECT id, org_id FROM account_overlaps WHERE partner_account_id = NEW.id LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_feed AFTER UPDATE OF name, relationship, owner_name, owner_email ON accounts
FOR EACH ROW WHEN (
  (OLD.name, OLD.relationship, OLD.owner_name, OLD.owner_email)
  IS DISTINCT FROM (NEW.name, NEW.relationship, NEW.owner_name, NEW.owner_email)
) EXECUTE FUNCTION accounts_changed();
--> statement-breakpoint

-- A sharing rule decides what the partner sees of every overlap in the partnership.
CREATE FUNCTION sharing_rules_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  FOR o IN SELECT id, org_id FROM account_overlaps
           WHERE partnership_id = NEW.partnership_id AND org_id = NEW.partner_org_id LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sharing_rules_feed AFTER UPDATE ON sharing_rules
FOR EACH ROW EXECUTE FUNCTION sharing_rules_changed();
--> statement-breakpoint

-- "Not a match" hides the overlap from both sides.
CREATE FUNCTION overlap_corrections_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE c record; o record;
BEGIN
  c := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  FOR o IN
    SELECT ov.id, ov.org_id FROM account_overlaps ov
    JOIN accounts a ON a.id = ov.account_id
    JOIN accounts pa ON pa.id = ov.partner_account_id
    WHERE (ov.org_id = c.org_id AND a.crm_id = c.crm_id AND ov.partner_org_id = c.partner_org_id AND pa.crm_id = c.partner_crm_id)
       OR (ov.org_id = c.partner_org_id AND a.crm_id = c.partner_crm_id AND ov.partner_org_id = c.org_id AND pa.crm_id = c.crm_id)
  LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN c;
END
$$;
--> statement-breakpoint
CREATE TRIGGER overlap_corrections_feed AFTER INSERT OR DELETE ON overlap_corrections
FOR EACH ROW EXECUTE FUNCTION overlap_corrections_changed();
