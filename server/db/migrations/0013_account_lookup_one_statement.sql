-- The account lookup as one statement: a rep opens an account, and this is all the database does
-- for it after the token check.
--
-- enter_tenant() does what server/db/tenant.ts does at the start of a tenant transaction: it names
-- the organisation and the user and takes the restricted role, so row-level security applies to
-- everything after it. Its settings are local to the transaction; called in a statement of its
-- own outside BEGIN, that transaction is the statement, and the connection is back to the server's
-- own role as soon as the statement is over.
CREATE FUNCTION enter_tenant(p_org uuid, p_user uuid) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_org IS NULL OR p_user IS NULL THEN
    RAISE EXCEPTION 'enter_tenant: no organisation or user';
  END IF;
  PERFORM set_config('app.org_id', p_org::text, true), set_config('app.user_id', p_user::text, true),
          set_config('role', 'cosell_app', true);
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION enter_tenant(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint

-- The lookup takes the caller's organisation and user and enters the tenant itself, so that it is
-- one statement, with no transaction around it (server/db/tenant.ts, "tenant functions"). It no
-- longer returns the feed's position: the token check reads that before every request
-- (server/auth/service.ts), and that reading, taken before the lookup began, is the one the scoring
-- basis cache needs. Reading it here again cost a security-definer call.
DROP FUNCTION account_partners(text);
--> statement-breakpoint
CREATE FUNCTION account_partners(p_org uuid, p_user uuid, p_crm_id text)
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
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM enter_tenant(p_org, p_user);
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
REVOKE ALL ON FUNCTION account_partners(uuid, uuid, text) FROM PUBLIC;
