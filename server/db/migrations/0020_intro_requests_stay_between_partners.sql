-- An intro request stays between the two partners it was sent between, and each side writes only
-- its own part. Before this, row-level security let either side rewrite any column: the partner
-- could move a request to a third organisation (which then saw it as sent by itself) or rewrite the
-- requester's message, the requester could accept its own request, insert one already answered in
-- the partner's name or date it weeks back, and an answer could be changed or given twice. The
-- partner's track record (how often and how fast it answers) is read from these rows, so either
-- side could have written the other's willingness score.

-- Sent only to a partner, through the partnership between the two.
ALTER POLICY "intro_requests_create" ON "intro_requests" TO cosell_app WITH CHECK ("intro_requests"."from_org_id" = (nullif(current_setting('app.org_id', true), ''))::uuid and exists (select 1 from partnerships p where p.id = "intro_requests"."partnership_id" and ((p.org_a = "intro_requests"."from_org_id" and p.org_b = "intro_requests"."to_org_id") or (p.org_b = "intro_requests"."from_org_id" and p.org_a = "intro_requests"."to_org_id"))));
--> statement-breakpoint

-- Who the request is between never changes. What was asked and about which accounts belong to the
-- requester, the answer and who gave it to the partner asked. Only a pending request changes its
-- status: the partner asked accepts or declines it, the requester withdraws it, and the server
-- itself (outside any tenant) lets it expire. Updates outside a tenant (the server's own jobs) may
-- take any turn.
CREATE FUNCTION intro_requests_transition() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE caller uuid := nullif(current_setting('app.org_id', true), '')::uuid;
BEGIN
  IF NEW.id <> OLD.id OR NEW.from_org_id <> OLD.from_org_id OR NEW.to_org_id <> OLD.to_org_id
     OR NEW.partnership_id <> OLD.partnership_id OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'An intro request stays between the organisations it was sent between.'
      USING ERRCODE = 'check_violation';
  END IF;
  IF caller IS NOT NULL AND caller <> NEW.from_org_id AND (
    NEW.message <> OLD.message
    OR NEW.requester_user_id IS DISTINCT FROM OLD.requester_user_id
    OR NEW.account_id IS DISTINCT FROM OLD.account_id
    OR NEW.partner_account_id IS DISTINCT FROM OLD.partner_account_id
  ) THEN
    RAISE EXCEPTION 'What an intro request asks is written by only the requester.'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF caller IS NOT NULL AND caller <> NEW.to_org_id AND (
    NEW.responded_at IS DISTINCT FROM OLD.responded_at
    OR NEW.responder_user_id IS DISTINCT FROM OLD.responder_user_id
    OR NEW.response_message IS DISTINCT FROM OLD.response_message
  ) THEN
    RAISE EXCEPTION 'The answer to an intro request is written by only the partner asked.'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'This intro request is already %.', OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF caller IS NOT NULL AND NOT (
    (NEW.status IN ('accepted', 'declined') AND caller = NEW.to_org_id)
    OR (NEW.status = 'withdrawn' AND caller = NEW.from_org_id)
  ) THEN
    RAISE EXCEPTION 'This side of the intro request cannot mark it %.', NEW.status
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER intro_requests_transition BEFORE UPDATE ON intro_requests
FOR EACH ROW EXECUTE FUNCTION intro_requests_transition();
--> statement-breakpoint

-- A request a tenant sends starts pending, unanswered and sent now: otherwise the requester could
-- insert it already accepted or declined, with an answer in the partner's name, or dated weeks
-- back or ahead, and so write the partner's track record (how often and how fast it answers)
-- itself. Inserts outside any tenant (the demo's history) keep what they say.

CREATE FUNCTION intro_requests_sent() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF nullif(current_setting('app.org_id', true), '') IS NULL THEN
    RETURN NEW;
  END IF;
  IF NEW.status <> 'pending' THEN
    RAISE EXCEPTION 'A new intro request is pending, not %.', NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.responded_at IS NOT NULL OR NEW.responder_user_id IS NOT NULL OR NEW.response_message IS NOT NULL THEN
    RAISE EXCEPTION 'The answer to an intro request is written by only the partner asked.'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.created_at := now();
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER intro_requests_sent BEFORE INSERT ON intro_requests
FOR EACH ROW EXECUTE FUNCTION intro_requests_sent();
