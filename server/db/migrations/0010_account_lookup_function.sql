-- The account lookup runs each time a rep opens an account. Planning its join through
-- partner_overlaps (six tables and the corrections' anti-join) costs several times more than
-- running it, and a statement sent from the app is planned anew every time. PL/pgSQL keeps the
-- plan for the connection's life, on PostgreSQL and PGlite alike. SECURITY INVOKER (the default):
-- row-level security still limits `accounts` to the caller's organisation, and the view to what
-- the partners share.
CREATE FUNCTION account_partners(p_crm_id text)
RETURNS TABLE (
  account_id uuid,
  crm_id text,
  account_name text,
  industry text,
  segment text,
  region text,
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
BEGIN
  RETURN QUERY
    SELECT a.id, a.crm_id, a.name, a.industry, a.segment, a.region,
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
