-- The token check, which every signed-in request makes, as a PL/pgSQL function: PL/pgSQL keeps
-- the plan of its query for the connection's life. On PostgreSQL the API prepares its statements
-- anyway (server/db/preparing-client.ts), but PGlite plans every statement it is sent, and planning
-- this join took longer than running it. It runs with the caller's rights: the server's own role,
-- before any tenant is known (server/auth/service.ts).
CREATE FUNCTION check_token(p_token_hash text, p_now timestamptz)
RETURNS TABLE (session_id uuid, user_id uuid, org_id uuid, role text, feed_seq bigint)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
    SELECT s.id, u.id, u.org_id, u.role,
           -- The newest change the user may see, as the changes' row-level security says: the
           -- organisation's shared ones and the user's own, each one index lookup (migration 0012).
           greatest(
             (SELECT c.seq FROM changes c WHERE c.org_id = u.org_id AND c.user_id IS NULL
               ORDER BY c.seq DESC LIMIT 1),
             (SELECT c.seq FROM changes c WHERE c.user_id = u.id ORDER BY c.seq DESC LIMIT 1))
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = p_token_hash AND s.revoked_at IS NULL AND s.expires_at > p_now;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION check_token(text, timestamptz) FROM PUBLIC;
