-- Each side of an intro request writes only its own words (0020 held who it is between and whose
-- turn it is, yet either side could still rewrite the other's): what was asked and about which
-- accounts belong to the requester, the answer and who gave it to the partner asked.

CREATE OR REPLACE FUNCTION intro_requests_transition() RETURNS trigger
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
