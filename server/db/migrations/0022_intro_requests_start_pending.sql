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
