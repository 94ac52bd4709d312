-- Token checks in batches: the API checks the tokens of all the requests that arrived while the
-- previous check was running in one statement (server/auth/token-checks.ts). On PGlite, whose one
-- worker runs every statement in turn, each statement has a fixed cost of about three times the
-- token check itself, and under load it was a third of an account lookup's time; on PostgreSQL,
-- each is a round trip. Each row names the token hash it answers; a hash with no valid session has
-- no row. Same rights and same plan caching as check_token (migration 0014), which this replaces.
DROP FUNCTION check_token(text, timestamptz);
--> statement-breakpoint
CREATE FUNCTION check_tokens(p_token_hashes text[], p_now timestamptz)
RETURNS TABLE (token_hash text, session_id uuid, user_id uuid, org_id uuid, role text, feed_seq bigint)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
    SELECT s.token_hash, s.id, u.id, u.org_id, u.role,
           -- The newest change the user may see, as the changes' row-level security says: the
           -- organisation's shared ones and the user's own, each one index lookup (migration 0012).
           greatest(
             (SELECT c.seq FROM changes c WHERE c.org_id = u.org_id AND c.user_id IS NULL
               ORDER BY c.seq DESC LIMIT 1),
             (SELECT c.seq FROM changes c WHERE c.user_id = u.id ORDER BY c.seq DESC LIMIT 1))
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ANY (p_token_hashes) AND s.revoked_at IS NULL AND s.expires_at > p_now;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION check_tokens(text[], timestamptz) FROM PUBLIC;
