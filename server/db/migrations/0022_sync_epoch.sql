-- The sync feed's epoch (server/db/schema.ts), in one row that only the server's own connection
-- reads and `npm run cli -- sync reset` moves on. Every token check returns it beside the feed
-- position, so refusing a cursor from another epoch costs the sync route no statement.
CREATE TABLE "sync_epoch" (
	"one" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"epoch" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sync_epoch_one_row" CHECK ("sync_epoch"."one")
);
--> statement-breakpoint
INSERT INTO sync_epoch DEFAULT VALUES;
--> statement-breakpoint
REVOKE ALL ON sync_epoch FROM cosell_app;
--> statement-breakpoint
DROP FUNCTION check_tokens(text[], timestamptz);
--> statement-breakpoint
CREATE FUNCTION check_tokens(p_token_hashes text[], p_now timestamptz)
RETURNS TABLE (token_hash text, session_id uuid, user_id uuid, org_id uuid, role text, feed_seq bigint,
               feed_epoch integer)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN QUERY
    SELECT s.token_hash, s.id, u.id, u.org_id, u.role,
           -- The newest change the user may see, as the changes' row-level security says: the
           -- organisation's shared ones and the user's own, each one index lookup (migration 0012).
           greatest(
             (SELECT c.seq FROM changes c WHERE c.org_id = u.org_id AND c.user_id IS NULL
               ORDER BY c.seq DESC LIMIT 1),
             (SELECT c.seq FROM changes c WHERE c.user_id = u.id ORDER BY c.seq DESC LIMIT 1)),
           (SELECT e.epoch FROM sync_epoch e)
    FROM sessions s
    JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ANY (p_token_hashes) AND s.revoked_at IS NULL AND s.expires_at > p_now;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION check_tokens(text[], timestamptz) FROM PUBLIC;
