-- What the calling organisation may see of its partners in its own accounts. This view is the one
-- place where partner data crosses tenants: it runs with its owner's rights (so it can read the
-- partner's account row), filters to the caller's organisation itself, applies the partner's
-- sharing rule (level, populations, fields) and drops overlaps either side marked "not a match".
-- A field the partner does not share is NULL here, so it never reaches a response.
CREATE VIEW partner_overlaps AS
SELECT
  o.id AS overlap_id,
  o.org_id,
  o.account_id,
  a.crm_id,
  o.partnership_id,
  o.partner_org_id,
  po.name AS partner_name,
  o.method,
  o.confidence,
  o.matched_on,
  CASE WHEN 'relationship' = ANY (r.fields) THEN pa.relationship END AS partner_relationship,
  CASE WHEN 'name' = ANY (r.fields) THEN pa.name END AS partner_account_name,
  CASE WHEN 'owner_name' = ANY (r.fields) THEN pa.owner_name END AS partner_owner_name,
  CASE WHEN 'owner_email' = ANY (r.fields) THEN pa.owner_email END AS partner_owner_email
FROM account_overlaps o
JOIN accounts a ON a.id = o.account_id
JOIN accounts pa ON pa.id = o.partner_account_id
JOIN orgs po ON po.id = o.partner_org_id
JOIN sharing_rules r ON r.partnership_id = o.partnership_id AND r.org_id = o.partner_org_id
WHERE o.org_id = (nullif(current_setting('app.org_id', true), ''))::uuid
  AND r.level = 'overlaps'
  AND pa.relationship = ANY (r.populations)
  AND NOT EXISTS (
    SELECT 1 FROM overlap_corrections c
    WHERE (c.org_id = o.org_id AND c.crm_id = a.crm_id AND c.partner_org_id = o.partner_org_id AND c.partner_crm_id = pa.crm_id)
       OR (c.org_id = o.partner_org_id AND c.crm_id = pa.crm_id AND c.partner_org_id = o.org_id AND c.partner_crm_id = a.crm_id)
  );
--> statement-breakpoint
GRANT SELECT ON partner_overlaps TO cosell_app;
