/**
 * Loading an organisation's accounts. Upserts by CRM id, so loading the same list twice changes
 * nothing; only accounts whose name or websites changed are flagged for re-matching.
 *
 * Each batch travels as one JSON parameter unpacked by json_to_recordset: thousands of separate
 * parameters make PGlite several times slower, and a JSON array carries the websites arrays as-is.
 */

import { sql } from "drizzle-orm";
import type { AccountInput } from "../../src/contract/accounts";
import { toBareGuid } from "../../src/crm-ids/guid";
import { accountDomains as domainsOf, nameKey } from "../../src/matching";
import { type Queryable, rows } from "../db/client";

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

const BATCH = 1_000;

export async function upsertAccounts(
  q: Queryable,
  orgId: string,
  input: readonly AccountInput[],
): Promise<UpsertResult> {
  const result: UpsertResult = { inserted: 0, updated: 0, unchanged: 0 };
  const accounts = inCrmIdOrder(input);
  for (let start = 0; start < accounts.length; start += BATCH) {
    const batch = accounts.slice(start, start + BATCH);
    const records = batch.map((account) => ({
      crm_id: account.crmId,
      name: account.name,
      name_key: nameKey(account.name),
      websites: account.websites,
      relationship: account.relationship,
      owner_name: account.ownerName ?? null,
      owner_email: account.ownerEmail ?? null,
      industry: account.industry ?? null,
      segment: account.segment ?? null,
      region: account.region ?? null,
      crm_updated_at: account.updatedAt ?? null,
    }));
    // One transaction per batch (a savepoint inside the caller's): a matching run reading meanwhile
    // must never see an account between its new row and its new domains. It would look like an
    // account without a website, and match by name or not at all.
    const changed = await q.transaction(async (tx) => {
      const upserted = await rows<{ id: string; crm_id: string; inserted: boolean }>(
        tx,
        sql`insert into accounts (org_id, crm_id, name, name_key, websites, relationship, owner_name, owner_email,
            industry, segment, region, crm_updated_at)
          select ${orgId}::uuid, crm_id, name, name_key, websites, relationship, owner_name, owner_email,
            industry, segment, region, crm_updated_at
          from json_to_recordset(${JSON.stringify(records)}::json) as r(crm_id text, name text, name_key text,
            websites text[], relationship text, owner_name text, owner_email text, industry text, segment text,
            region text, crm_updated_at timestamptz)
          on conflict (org_id, crm_id) do update set
            name = excluded.name, name_key = excluded.name_key, websites = excluded.websites,
            relationship = excluded.relationship, owner_name = excluded.owner_name,
            owner_email = excluded.owner_email, industry = excluded.industry, segment = excluded.segment,
            region = excluded.region, crm_updated_at = excluded.crm_updated_at, updated_at = now(),
            -- The whole name, not just its key: a legal form that changes changes a name match's confidence.
            needs_match = accounts.needs_match
              or (accounts.name, accounts.websites) is distinct from (excluded.name, excluded.websites)
          -- Rows that did not change are left alone: no write, no sync noise, no re-match.
          where (accounts.name, accounts.websites, accounts.relationship, accounts.owner_name, accounts.owner_email,
              accounts.industry, accounts.segment, accounts.region, accounts.crm_updated_at)
            is distinct from (excluded.name, excluded.websites, excluded.relationship, excluded.owner_name,
              excluded.owner_email, excluded.industry, excluded.segment, excluded.region, excluded.crm_updated_at)
          returning id, crm_id, (xmax = 0) as inserted`,
      );
      await replaceDomains(tx, orgId, upserted, batch);
      return upserted;
    });
    for (const row of changed) {
      if (row.inserted) result.inserted++;
      else result.updated++;
    }
    result.unchanged += batch.length - changed.length;
  }
  return result;
}

/**
 * One row per CRM id, the last one given (one statement cannot upsert a key twice), sorted by CRM
 * id. Every load then locks the accounts it writes in the same order: two uploads of one
 * organisation's accounts at once, overlapping in different orders, otherwise each held a row the
 * other waited for, and PostgreSQL aborted one with "deadlock detected".
 */
function inCrmIdOrder(input: readonly AccountInput[]): AccountInput[] {
  const byCrmId = new Map<string, AccountInput>();
  for (const account of input) {
    const crmId = toBareGuid(account.crmId);
    byCrmId.set(crmId, { ...account, crmId });
  }
  return [...byCrmId.values()].sort((a, b) => (a.crmId < b.crmId ? -1 : a.crmId > b.crmId ? 1 : 0));
}

async function replaceDomains(
  q: Queryable,
  orgId: string,
  changed: readonly { id: string; crm_id: string }[],
  batch: readonly AccountInput[],
): Promise<void> {
  const websitesByCrmId = new Map(batch.map((account) => [account.crmId, account.websites]));
  await replaceAccountDomains(
    q,
    orgId,
    changed.map((row) => ({ id: row.id, domains: domainsOf(websitesByCrmId.get(row.crm_id) ?? []) })),
  );
}

/** Makes the stored domains of each of `orgId`'s `accounts` exactly its `domains`. */
export async function replaceAccountDomains(
  q: Queryable,
  orgId: string,
  accounts: readonly { id: string; domains: readonly string[] }[],
): Promise<void> {
  if (accounts.length === 0) return;
  await q.execute(
    sql`delete from account_domains where account_id = any(${sql.param(accounts.map((account) => account.id))}::uuid[])`,
  );
  const accountIds: string[] = [];
  const domains: string[] = [];
  for (const account of accounts) {
    for (const domain of account.domains) {
      accountIds.push(account.id);
      domains.push(domain);
    }
  }
  if (domains.length === 0) return;
  await q.execute(
    sql`insert into account_domains (account_id, org_id, domain)
        select account_id, ${orgId}::uuid, domain
        from unnest(${sql.param(accountIds)}::uuid[], ${sql.param(domains)}::text[]) as d(account_id, domain)
        on conflict do nothing`,
  );
}
