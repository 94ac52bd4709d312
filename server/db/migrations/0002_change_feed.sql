-- Records a change in the sync feed. Tenant-scoped handlers cannot insert into `changes` directly
-- (a change may be addressed to a partner organisation), so they call this function, which runs
-- with its owner's rights and only appends.
-- The advisory lock serialises writers until their commit, so sequence order equals commit order:
-- a reader that has seen seq N can never later find an uncommitted change with a smaller seq.
CREATE FUNCTION record_change(p_org_id uuid, p_user_id uuid, p_entity text, p_entity_id text, p_op text)
RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7313001);
  INSERT INTO changes (org_id, user_id, entity, entity_id, op)
  VALUES (p_org_id, p_user_id, p_entity, p_entity_id, p_op);
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION record_change(uuid, uuid, text, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION record_change(uuid, uuid, text, text, text) TO cosell_app;
