import { hashOf } from "./hash";
import {
  type CompanyName,
  isSampleRecordName,
  NAME_MATCH_THRESHOLD,
  nameMatchConfidence,
  parseCompanyName,
} from "./name";
import { keySignature, nameSignature } from "./name-signature";
import { NOT_FOUND, SlotTable } from "./slot-table";

/** One organisation's account, ready to match. */
export interface MatchableAccount {
  readonly id: string;
  readonly name: string;
  /** Registrable company domains, already normalised (see `accountDomains`). */
  readonly domains: readonly string[];
  /**
   * `parseCompanyName(name)`, when the caller already has it: an organisation matched against
   * several partners then parses each name once, not once per partner.
   */
  readonly companyName?: CompanyName;
}

/** A left-hand account and a right-hand account that look like the same company. */
export interface AccountMatch {
  readonly leftId: string;
  readonly rightId: string;
  readonly method: "domain" | "name";
  /** 0..1: how sure we are that the two accounts are the same company. */
  readonly confidence: number;
  /** The shared domain, or the shared name key. */
  readonly matchedOn: string;
}

/** Both accounts list exactly the same domains. */
export const SAME_DOMAINS_CONFIDENCE = 0.99;
/** Every domain of one account is among the other's (a group site plus country sites). */
export const CONTAINED_DOMAINS_CONFIDENCE = 0.98;
/**
 * Each account also lists a domain the other lacks: still the same registrable domain, but the
 * overlap may be a shared brand, a reseller or a parent company's site.
 */
export const OVERLAPPING_DOMAINS_CONFIDENCE = 0.95;

/**
 * One organisation's accounts, indexed by domain and by name, to match the other organisation's
 * accounts against one at a time. `add` replaces an account with the same id, so an edited account
 * is re-added rather than removed first.
 */
export interface MatchIndex {
  readonly size: number;
  add(account: MatchableAccount): void;
  /** Returns whether an account with that id was indexed. */
  remove(id: string): boolean;
  /** The indexed accounts matching `account`, strongest first; `account` is the left side. */
  matchOne(account: MatchableAccount): readonly AccountMatch[];
}

/**
 * Accounts sit in the slots of parallel arrays, and the tables file slot numbers under the hash of
 * each domain and under the signature of each name (see `SlotTable`); what a hash finds is checked
 * against the account's own domains. The accounts given here must have distinct ids. The slot of
 * each id is looked up only by `add` and `remove`, so that map is made on their first call: an
 * index built once and matched against, as a matching run does, never pays for it.
 *
 * Names matter only where a name match is possible: when at least one of the two accounts has no
 * usable website. They are filed under their signature (see `nameSignature`) and parsed in full
 * only when an account of the other side carries the same one. Accounts without a website are
 * filed as they are added; accounts with one only when the first left-hand account without a
 * website asks for them.
 *
 * A CRM's sample record (see `isSampleRecordName`) is held, and counted in `size`, but filed
 * under nothing, and it finds nothing: whatever its name and websites, it is no company.
 */
export function createMatchIndex(accounts: Iterable<MatchableAccount> = []): MatchIndex {
  const indexed: (MatchableAccount | undefined)[] = [];
  // Parsed names, filled in as they are needed.
  const names: (CompanyName | undefined)[] = [];
  // The signature each account is filed under by name, or NOT_FILED.
  const signatures: number[] = [];
  const freeSlots: number[] = [];
  let slotById: Map<string, number> | null = null;
  // matchOne collects into this one array and copies out what it found: most accounts match
  // nothing, and they then all share one empty result instead of each allocating their own.
  const scratch: AccountMatch[] = [];
  // Sized for the accounts given, when they come as an array: growing the table refiles them all.
  const byDomain = new SlotTable(Array.isArray(accounts) ? accounts.length : 0);
  const withoutDomainByName = new SlotTable();
  let withDomainByName: SlotTable | null = null;

  function nameAt(slot: number): CompanyName {
    let name = names[slot];
    if (name === undefined) {
      name = parseCompanyName(indexed[slot]!.name);
      names[slot] = name;
    }
    return name;
  }

  function fileByName(table: SlotTable, slot: number, signature: number): void {
    signatures[slot] = signature;
    table.add(signature, slot);
  }

  function fileWithDomainByName(table: SlotTable, slot: number): void {
    const name = names[slot];
    fileByName(table, slot, name === undefined ? nameSignature(indexed[slot]!.name) : keySignature(name.key));
  }

  function withDomainIndexedByName(): SlotTable {
    if (withDomainByName === null) {
      withDomainByName = new SlotTable(indexed.length);
      for (let slot = 0; slot < indexed.length; slot++) {
        const account = indexed[slot];
        if (account !== undefined && account.domains.length > 0 && !isSampleRecordName(account.name))
          fileWithDomainByName(withDomainByName, slot);
      }
    }
    return withDomainByName;
  }

  function slotsById(): Map<string, number> {
    if (slotById === null) {
      slotById = new Map();
      for (let slot = 0; slot < indexed.length; slot++) {
        const account = indexed[slot];
        if (account !== undefined) slotById.set(account.id, slot);
      }
    }
    return slotById;
  }

  function add(account: MatchableAccount): void {
    remove(account.id);
    slotsById().set(account.id, insert(account));
  }

  function insert(account: MatchableAccount): number {
    const slot = freeSlots.pop() ?? indexed.length;
    indexed[slot] = account;
    names[slot] = account.companyName;
    signatures[slot] = NOT_FILED;
    // Filed under nothing, a sample record is found under none of its domains by `remove` either.
    if (isSampleRecordName(account.name)) return slot;
    for (const domain of account.domains) byDomain.add(hashOf(domain), slot);
    if (account.domains.length > 0) {
      if (withDomainByName !== null) fileWithDomainByName(withDomainByName, slot);
    } else {
      const name = nameAt(slot);
      if (name.strength > 0) fileByName(withoutDomainByName, slot, keySignature(name.key));
    }
    return slot;
  }

  function remove(id: string): boolean {
    const ids = slotsById();
    const slot = ids.get(id);
    if (slot === undefined) return false;
    const account = indexed[slot]!;
    ids.delete(id);
    for (const domain of account.domains) byDomain.remove(hashOf(domain), slot);
    if (signatures[slot] !== NOT_FILED) {
      (account.domains.length > 0 ? withDomainByName! : withoutDomainByName).remove(signatures[slot]!, slot);
    }
    indexed[slot] = undefined;
    names[slot] = undefined;
    freeSlots.push(slot);
    return true;
  }

  // Plain loops calling helpers, no closures: this runs once per account of every import.
  function matchOne(account: MatchableAccount): readonly AccountMatch[] {
    if (isSampleRecordName(account.name)) return NO_MATCHES;
    const matches = scratch;
    matches.length = 0;
    for (const domain of account.domains) {
      const key = hashOf(domain);
      for (let cell = byDomain.find(key); cell !== NOT_FOUND; cell = byDomain.findNext(key, cell)) {
        const candidate = indexed[byDomain.slotAt(cell)]!;
        // Another domain with the same hash is no match.
        if (hasDomain(candidate, domain)) addDomainMatch(matches, account, candidate);
      }
    }
    // Two different websites mean two different companies, whatever their names say: an account
    // with a website meets by name only accounts without one.
    if (account.domains.length > 0) {
      if (withoutDomainByName.size > 0) {
        const signature =
          account.companyName === undefined
            ? nameSignature(account.name)
            : keySignature(account.companyName.key);
        if (withoutDomainByName.find(signature) !== NOT_FOUND) {
          addNameMatches(matches, account, companyNameOf(account), withoutDomainByName, signature);
        }
      }
    } else {
      const name = companyNameOf(account);
      if (name.strength > 0) {
        const signature = keySignature(name.key);
        addNameMatches(matches, account, name, withoutDomainByName, signature);
        addNameMatches(matches, account, name, withDomainIndexedByName(), signature);
      }
    }
    if (matches.length === 0) return NO_MATCHES;
    if (matches.length > 1) matches.sort(strongestFirst);
    return matches.slice();
  }

  /** Signatures may collide: `addNameMatch` compares the parsed names. */
  function addNameMatches(
    matches: AccountMatch[],
    left: MatchableAccount,
    name: CompanyName,
    table: SlotTable,
    signature: number,
  ): void {
    for (let cell = table.find(signature); cell !== NOT_FOUND; cell = table.findNext(signature, cell)) {
      const slot = table.slotAt(cell);
      addNameMatch(matches, left, name, indexed[slot]!, nameAt(slot));
    }
  }

  for (const account of accounts) insert(account);
  return {
    get size() {
      // Every slot holds an account except the free ones.
      return indexed.length - freeSlots.length;
    },
    add,
    remove,
    matchOne,
  };
}

const NOT_FILED = -1;
const NO_MATCHES: readonly AccountMatch[] = Object.freeze([]);

function companyNameOf(account: MatchableAccount): CompanyName {
  return account.companyName ?? parseCompanyName(account.name);
}

/** Every match between two organisations' account lists, grouped by left account in input order. */
export function matchAll(
  left: Iterable<MatchableAccount>,
  right: Iterable<MatchableAccount>,
): AccountMatch[] {
  const index = createMatchIndex(right);
  const matches: AccountMatch[] = [];
  for (const account of left) {
    for (const match of index.matchOne(account)) matches.push(match);
  }
  return matches;
}

function addDomainMatch(matches: AccountMatch[], left: MatchableAccount, candidate: MatchableAccount): void {
  // A candidate sharing several domains is found once per domain: report it once.
  if (left.domains.length > 1 && includesRight(matches, candidate.id)) return;
  matches.push(domainMatch(left, candidate));
}

function addNameMatch(
  matches: AccountMatch[],
  left: MatchableAccount,
  name: CompanyName,
  candidate: MatchableAccount,
  candidateName: CompanyName,
): void {
  const confidence = nameMatchConfidence(name, candidateName);
  if (confidence < NAME_MATCH_THRESHOLD) return;
  matches.push({
    leftId: left.id,
    rightId: candidate.id,
    method: "name",
    confidence,
    matchedOn: name.key,
  });
}

function domainMatch(left: MatchableAccount, right: MatchableAccount): AccountMatch {
  if (left.domains.length === 1 && right.domains.length === 1) {
    const matchedOn = left.domains[0]!;
    return {
      leftId: left.id,
      rightId: right.id,
      method: "domain",
      confidence: SAME_DOMAINS_CONFIDENCE,
      matchedOn,
    };
  }
  const shared = left.domains.filter((domain) => right.domains.includes(domain));
  const sharedCount = new Set(shared).size;
  const leftCount = new Set(left.domains).size;
  const rightCount = new Set(right.domains).size;
  const confidence =
    sharedCount === leftCount && sharedCount === rightCount
      ? SAME_DOMAINS_CONFIDENCE
      : sharedCount === Math.min(leftCount, rightCount)
        ? CONTAINED_DOMAINS_CONFIDENCE
        : OVERLAPPING_DOMAINS_CONFIDENCE;
  // The alphabetically first shared domain, so both directions of a match name the same one.
  const matchedOn = shared.sort()[0]!;
  return { leftId: left.id, rightId: right.id, method: "domain", confidence, matchedOn };
}

function hasDomain(account: MatchableAccount, domain: string): boolean {
  const { domains } = account;
  return domains.length === 1 ? domains[0] === domain : domains.includes(domain);
}

function includesRight(matches: readonly AccountMatch[], rightId: string): boolean {
  for (const match of matches) if (match.rightId === rightId) return true;
  return false;
}

function strongestFirst(a: AccountMatch, b: AccountMatch): number {
  return b.confidence - a.confidence || (a.rightId < b.rightId ? -1 : a.rightId > b.rightId ? 1 : 0);
}
