/** What the cache knows about one account: its partners, from the sync feed or a server lookup. */
import type { AccountPartners, PartnerInAccount } from "../../src/contract/partners";
import type { ScoringBasis, SyncedOverlap } from "../../src/contract/sync";
import { orderByScore, scorePartnersInAccount } from "../../src/scoring/in-account";
import {
  type CacheOwner,
  type CacheWrite,
  cacheDb,
  readSyncState,
  SYNC_STATE,
  type SyncState,
  sameOwner,
  writeAsOwner,
} from "./db";
import { accountRange, overlapsOfAccount, writeOverlaps } from "./overlaps";
import { type StoredOverlap, validOverlaps } from "./stored-overlap";

export interface CachedAccount {
  data: AccountPartners;
  /** When the server last told us about this account (directly or through a sync). */
  syncedAt: string | null;
}

/** The account's partners as last heard, or null when the cache knows nothing about it. */
export async function readAccount(owner: CacheOwner, crmId: string): Promise<CachedAccount | null> {
  const tx = (await cacheDb()).transaction(["chunks", "accounts", "meta"]);
  const [state, chunks, known] = await Promise.all([
    tx.objectStore("meta").get(SYNC_STATE),
    tx.objectStore("chunks").getAll(accountRange(crmId)),
    tx.objectStore("accounts").get(crmId),
  ]);
  if (!state || !sameOwner(state.owner, owner)) return null;
  // Until the first full sync reaches its end, the feed may have sent only some of an account's
  // partners (pages go by overlap, not by account): only the server's own answer about it is whole.
  if (state.lastSyncedAt === null && !known) return null;
  const stored = overlapsOfAccount(chunks, crmId);
  if (stored.length === 0 && !known) return null;
  const overlaps = validOverlaps(stored);
  const first = overlaps[0]?.account;
  return {
    data: {
      account: first ? { id: first.id, crmId: first.crmId, name: first.name } : (known?.account ?? null),
      partners: bestFirst(overlaps, state.scoring),
    },
    syncedAt: latest(state.lastSyncedAt, known?.checkedAt ?? null),
  };
}

/** How many changes the feed has made (see SyncState), read before asking the server about an account. */
export async function feedChangesSoFar(owner: CacheOwner): Promise<number> {
  return feedChangesOf(await readSyncState(owner));
}

/**
 * Replaces what the cache holds for one account with the server's answer about it, asked when the
 * feed had made `askedAt` changes (`feedChangesSoFar`). Returns false, storing nothing, if a sync
 * page changed the cache since: the server may have made the answer before that change, and storing
 * it would undo the change, such as bringing back a deleted overlap.
 */
export async function storeAccountAnswer(
  owner: CacheOwner,
  crmId: string,
  answer: AccountPartners,
  now: string,
  askedAt: number,
): Promise<boolean> {
  return writeAsOwner(owner, async (tx, state) => {
    if (feedChangesOf(state) !== askedAt) return false;
    const account = answer.account;
    const held = overlapsOfAccount(await tx.objectStore("chunks").getAll(accountRange(crmId)), crmId);
    await writeOverlaps(tx, state, {
      remove: held.map((overlap) => overlap.overlapId),
      add: account ? answer.partners.map((partner) => ({ ...partner, account })) : [],
    });
    await tx.objectStore("accounts").put({ crmId, account, checkedAt: now });
    return true;
  });
}

function feedChangesOf(state: SyncState | null): number {
  return state?.feedChanges ?? 0;
}

/** Removes one overlap; returns the CRM id of its account, or null if the cache did not hold it. */
export async function removeOverlap(
  owner: CacheOwner,
  overlapId: string,
  now: string,
): Promise<string | null> {
  return writeAsOwner(owner, async (tx, state) => {
    const [removed] = await writeOverlaps(tx, state, { remove: [overlapId], add: [] });
    if (!removed) return null;
    await rememberAccounts(tx, [removed], now);
    return removed.account.crmId;
  });
}

/**
 * Remembers the accounts of removed overlaps as answered, so an account whose last partner went
 * away still shows "no partners" offline rather than being unknown.
 */
export async function rememberAccounts(tx: CacheWrite, removed: StoredOverlap[], now: string): Promise<void> {
  const accounts = new Map(validOverlaps(removed).map((overlap) => [overlap.account.crmId, overlap.account]));
  await Promise.all(
    [...accounts.values()].map((account) =>
      tx.objectStore("accounts").put({ crmId: account.crmId, account, checkedAt: now }),
    ),
  );
}

/**
 * The same order as the server's account lookup, so a refresh does not reshuffle the list. Partners
 * known only from the sync feed have no score yet: with the feed's scoring basis, the whole account
 * is scored here as the server would; without it, scored partners come first.
 */
function bestFirst(overlaps: SyncedOverlap[], basis: ScoringBasis | undefined): PartnerInAccount[] {
  const partners = overlaps
    .sort(
      (a, b) =>
        b.match.confidence - a.match.confidence ||
        compare(a.partner.name, b.partner.name) ||
        compare(a.overlapId, b.overlapId),
    )
    .map(({ account: _account, ...partner }) => partner);
  if (!basis || partners.every((partner) => partner.score)) return orderByScore(partners);
  return scorePartnersInAccount(
    {
      vendor: basis.vendor,
      profiles: new Map(basis.partners.map(({ profile }) => [profile.orgId, profile])),
      trackRecords: new Map(basis.partners.map(({ profile, trackRecord }) => [profile.orgId, trackRecord])),
    },
    contextOf(overlaps),
    partners,
  );
}

/** Overlaps stored from an account lookup lack the account's context; synced ones carry it. */
function contextOf(overlaps: SyncedOverlap[]) {
  const synced = overlaps.find(({ account }) => account.industry ?? account.segment ?? account.region);
  const account = synced?.account;
  return {
    industry: account?.industry ?? null,
    segment: account?.segment ?? null,
    region: account?.region ?? null,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  return a > b ? a : b;
}
