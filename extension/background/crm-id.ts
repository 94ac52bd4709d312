import { toCaseSafeSalesforceId } from "../../src/crm-ids/salesforce";
import type { AccountOnPage } from "../messages";

/**
 * The id the server stores for the account on the page. Salesforce Classic URLs carry the
 * 15-character id, while the server keeps the 18-character case-safe form.
 */
export function serverCrmId(account: AccountOnPage): string {
  return account.crm.startsWith("salesforce-") ? toCaseSafeSalesforceId(account.recordId) : account.recordId;
}
