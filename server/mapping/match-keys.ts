/**
 * Re-deriving the match keys stored with each account: its domains (account_domains) and its name
 * key (accounts.name_key). Both are worked out when an account is loaded, by the matching rules of
 * the version that loaded it, and an import leaves unchanged rows alone. When a later version
 * tightens the rules (a platform's pages, a placeholder name, a free-mail domain), accounts loaded
 * before keep the keys of the old rules, and the overlaps made with them, until their websites
 * change. A full matching run (`runMatching` with `full`) first brings the keys up to date here.
 */
import { sql } from "drizzle-orm";
import { accountDomains, nameKey } from "../../src/matching";
import { type Db, rows, type Tx } from "../db/client";
import { replaceAccountDomains } from "./accounts";

const BATCH = 2_000;

export interface MatchKeysRefresh {
  /** Accounts whose keys were read. */
  accounts: number;
  /** Of those, accounts whose domains or name key differed from what the current rules derive. */
  changed: number;
}

interface StoredKeys {
  id: string;
  org_id: string;
  name: string;
  name_key: string;
  websites: string[];
  domains: string[];
}

/**
 * Brings the keys of every account of `orgIds` up to the current rules, batch by batch. An account
 * whose keys change is flagged for re-matching, so partnerships left out of the run that follows
 * see the change on their next run too.
 */
export async function refreshMatchKeys(
  db: Db,
  orgIds: readonly string[],
  onBatch: (accounts: number) => void = () => {},
): Promise<MatchKeysRefresh> {
  const result: MatchKeysRefresh = { accounts: 0, changed: 0 };
  if (orgIds.length === 0) return result;
  const orgs = sql.param([...orgIds]);
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      // Locked, so an import of the same accounts waits instead of having its keys overwritten
      // with ones worked out from the websites as they were before it.
      const stored = await rows<StoredKeys>(
        tx,
        sql`select a.id, a.org_id, a.name, a.name_key, a.websites,
              array(select d.domain from account_domains d where d.account_id = a.id order by d.domain collate "C") as domains
            from accounts a where a.org_id = any(${orgs}::uuid[]) and a.id > ${after}::uuid
            order by a.id limit ${BATCH} for update`,
      );
      if (stored.length === 0) return null;
      after = stored.at(-1)!.id;
      const changed = stored.map(derivedKeys).filter((keys) => keys !== null);
      if (changed.length > 0) await storeKeys(tx, changed);
      return { accounts: stored.length, changed: changed.length };
    });
    if (batch === null) return result;
    result.accounts += batch.accounts;
    result.changed += batch.changed;
    onBatch(batch.accounts);
  }
}

interface DerivedKeys {
  id: string;
  orgId: string;
  nameKey: string;
  domains: string[];
}

/** The keys the current rules give `account`, or null when they are the ones stored. */
function derivedKeys(account: StoredKeys): DerivedKeys | null {
  const derived = {
    id: account.id,
    orgId: account.org_id,
    nameKey: nameKey(account.name),
    domains: accountDomains(account.websites),
  };
  // Both lists are sorted by code unit: accountDomains sorts them, and the query reads them in "C" order.
  const same =
    derived.nameKey === account.name_key && derived.domains.join(" ") === account.domains.join(" ");
  return same ? null : derived;
}

async function storeKeys(tx: Tx, changed: readonly DerivedKeys[]): Promise<void> {
  // Only the keys and the flag: no column the sync feed carries changes, so clients see nothing
  // until an overlap does.
  await tx.execute(sql`
    update accounts set name_key = k.name_key, needs_match = true
    from unnest(${sql.param(changed.map((account) => account.id))}::uuid[],
      ${sql.param(changed.map((account) => account.nameKey))}::text[]) as k(id, name_key)
    where accounts.id = k.id`);
  for (const orgId of new Set(changed.map((account) => account.orgId))) {
    await replaceAccountDomains(
      tx,
      orgId,
      changed.filter((account) => account.orgId === orgId),
    );
  }
}
