-- How far the caller's organisation's sync feed has come. Row-level security would filter the
-- changes one by one and read them all; this reads the newest one off the (org_id, seq) index.
-- It runs with its owner's rights, but only ever for the organisation the request is scoped to,
-- and returns a number and nothing else.
CREATE FUNCTION feed_position() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(max(seq), 0) FROM changes
  WHERE org_id = (nullif(current_setting('app.org_id', true), ''))::uuid
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION feed_position() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION feed_position() TO cosell_app;
--> statement-breakpoint

-- The account lookup also returns the feed's position. Everything a partner's score depends on
-- writes to that feed (migrations 0004 and 0007), so an API process may keep the scoring basis it
-- read while this position stays the same (server/scoring/basis-cache.ts).
DROP FUNCTION account_partners(text);
--> statement-breakpoint
CREATE FUNCTION account_partners(p_crm_id text)
RETURNS TABLE (
  account_id uuid,
  crm_id text,
  account_name text,
  industry text,
  segment text,
  region text,
  feed_seq bigint,
  overlap_id uuid,
  partner_org_id uuid,
  partner_name text,
  method text,
  confidence double precision,
  matched_on text,
  partner_relationship text,
  partner_account_name text,
  partner_owner_name text,
  partner_owner_email text
)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  v_feed_seq bigint := feed_position();
BEGIN
  RETURN QUERY
    SELECT a.id, a.crm_id, a.name, a.industry, a.segment, a.region, v_feed_seq,
           po.overlap_id, po.partner_org_id, po.partner_name, po.method, po.confidence, po.matched_on,
           po.partner_relationship, po.partner_account_name, po.partner_owner_name, po.partner_owner_email
    FROM accounts a
    LEFT JOIN partner_overlaps po ON po.account_id = a.id
    WHERE a.crm_id = p_crm_id
    ORDER BY po.confidence DESC, po.partner_name, po.overlap_id;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION account_partners(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION account_partners(text) TO cosell_app;
