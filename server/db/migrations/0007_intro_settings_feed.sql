-- Sync feed triggers for intro requests, user settings, partner profiles and solution maps
-- (see 0004 for why the feed is written by triggers).

CREATE FUNCTION intro_requests_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM record_change(NEW.from_org_id, NULL, 'intro', NEW.id::text, 'upsert');
  PERFORM record_change(NEW.to_org_id, NULL, 'intro', NEW.id::text, 'upsert');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER intro_requests_feed AFTER INSERT OR UPDATE ON intro_requests
FOR EACH ROW EXECUTE FUNCTION intro_requests_changed();
--> statement-breakpoint

CREATE FUNCTION user_settings_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM record_change(NEW.org_id, NEW.user_id, 'settings', NEW.user_id::text, 'upsert');
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER user_settings_feed AFTER INSERT OR UPDATE ON user_settings
FOR EACH ROW EXECUTE FUNCTION user_settings_changed();
--> statement-breakpoint

-- A partner's profile feeds the explanation of every overlap its partners have with it.
CREATE FUNCTION partner_profiles_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  FOR o IN SELECT id, org_id FROM account_overlaps WHERE partner_org_id = NEW.org_id LOOP
    PERFORM record_change(o.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER partner_profiles_feed AFTER INSERT OR UPDATE ON partner_profiles
FOR EACH ROW EXECUTE FUNCTION partner_profiles_changed();
--> statement-breakpoint

-- The vendor's solution map feeds the scores of all its own overlaps.
CREATE FUNCTION solution_maps_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE o record;
BEGIN
  FOR o IN SELECT id FROM account_overlaps WHERE org_id = NEW.org_id LOOP
    PERFORM record_change(NEW.org_id, NULL, 'overlap', o.id::text, 'upsert');
  END LOOP;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER solution_maps_feed AFTER INSERT OR UPDATE ON solution_maps
FOR EACH ROW EXECUTE FUNCTION solution_maps_changed();
