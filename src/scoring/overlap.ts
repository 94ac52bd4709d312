import type { Relationship } from "../contract/accounts";
import { percentOf } from "./phrases";
import type { PartnerPresence, PartnerTrackRecord, TraitAssessment } from "./schemas";

/**
 * How strongly the partner's relationship to this account shows they serve it. A partner that does not
 * share its relationship still has the account on its list, so it counts like a prospect.
 */
const PRESENCE_WEIGHT: Readonly<Record<Relationship | "unshared", number>> = {
  customer: 1,
  opportunity: 0.6,
  prospect: 0.25,
  unshared: 0.25,
};
/** Presence in this account and the shape of the wider customer base count equally. */
const PRESENCE_SHARE = 0.5;
/**
 * Share of shared customers in our target segments, smoothed with a uniform Beta(1, 1) prior
 * (one imagined customer in target, one outside) so a partner with one or two shared customers
 * isn't judged at 0% or 100%, and one with none sits at 50%.
 */
const TARGET_PRIOR = { inTarget: 1, outside: 1 };

/** Below this share of shared customers in target, the base counts as mostly outside our market. */
const MOSTLY_IN_TARGET = 0.5;
/** Under this many shared customers, counts read better than percentages. */
const COUNTS_BELOW = 10;

const PRESENCE_PHRASE: Readonly<Record<Relationship | "unshared", string>> = {
  customer: "Already a customer of theirs",
  opportunity: "They have an open deal here",
  prospect: "Only a prospect of theirs so far",
  unshared: "They list this account without saying how they know it",
};

const WEAK_PRESENCE_REASON: Readonly<Record<"prospect" | "unshared", string>> = {
  prospect: "has this account only as a prospect",
  unshared: "doesn't say how they know this account",
};

/**
 * What the counts are of. A partner that shares its relationships tells us which accounts in common are
 * its customers; one that doesn't (sharing rules are per partnership, so then for no account) only tells
 * us that we have them in common, and the sentence says no more than that.
 */
type Basis = "customers" | "accounts";

const BASE_WORDS: Readonly<
  Record<Basis, { none: string; count: (n: number) => string; of: (n: number) => string; all: string }>
> = {
  customers: {
    none: "we have no shared customers with them yet",
    count: (n) => `we share ${n === 1 ? "one customer" : `${n} customers`} with them`,
    of: (n) => (n === 1 ? "their one shared customer" : `their ${n} shared customers`),
    all: "their shared customers",
  },
  accounts: {
    none: "we have no accounts in common with them yet",
    count: (n) => `we share ${n === 1 ? "one account" : `${n} accounts`} with them`,
    of: (n) => (n === 1 ? "the one account we share with them" : `the ${n} accounts we share with them`),
    all: "the accounts we share with them",
  },
};

function basePhrase(basis: Basis, inTarget: number | null, total: number): string {
  const words = BASE_WORDS[basis];
  if (total === 0) return words.none;
  if (inTarget === null) return words.count(total);
  if (total === 1) return `${words.of(1)} is ${inTarget === 1 ? "in" : "outside"} our target segments`;
  if (inTarget === 0) return `none of ${words.of(total)} are in our target segments`;
  if (total < COUNTS_BELOW) {
    return `${inTarget} of ${words.of(total)} ${inTarget === 1 ? "is" : "are"} in our target segments`;
  }
  return `${percentOf(inTarget, total)}% of ${words.all} are in our target segments`;
}

/** Customer base overlap: does the partner serve our target market, starting with this account? */
export function assessOverlap(presence: PartnerPresence, record: PartnerTrackRecord): TraitAssessment {
  const relationship = presence.relationship ?? "unshared";
  const basis: Basis = presence.relationship === null ? "accounts" : "customers";
  const { sharedCustomers: total, sharedCustomersInTarget: inTarget } = record;
  // Without a target market to count against, only the prior speaks.
  const counted = inTarget === null ? { inTarget: 0, total: 0 } : { inTarget, total };
  const targetShare =
    (counted.inTarget + TARGET_PRIOR.inTarget) /
    (counted.total + TARGET_PRIOR.inTarget + TARGET_PRIOR.outside);

  const weakPresence = relationship === "prospect" || relationship === "unshared" ? relationship : null;
  // Null when there is a base but no target market to judge it by.
  const baseMostlyInTarget =
    total === 0 ? false : inTarget === null ? null : inTarget / total >= MOSTLY_IN_TARGET;
  const connector =
    baseMostlyInTarget === null || (weakPresence === null) === baseMostlyInTarget ? "and" : "but";

  const reasons: string[] = [];
  if (weakPresence) reasons.push(WEAK_PRESENCE_REASON[weakPresence]);
  if (total > 0 && baseMostlyInTarget === false) {
    reasons.push(
      `has few ${basis === "customers" ? "shared customers" : "accounts in common with us"} in our target segments`,
    );
  }

  return {
    score: PRESENCE_SHARE * PRESENCE_WEIGHT[relationship] + (1 - PRESENCE_SHARE) * targetShare,
    explanation: `${PRESENCE_PHRASE[relationship]}, ${connector} ${basePhrase(basis, inTarget, total)}`,
    shortfallReasons: reasons.length > 0 ? reasons : ["serves little of our target market"],
  };
}
