/**
 * Each organisation's scoring basis (its solution map, its partners' profiles and track records),
 * kept between account lookups. Reading it takes several queries, and every account a rep opens
 * needs it.
 *
 * A kept basis is used only while the organisation's sync feed has not moved past the position it
 * was read at. Everything the basis depends on writes to that feed (migrations 0004 and 0007:
 * solution maps, profiles, intro answers, sharing rules, overlaps), and feed positions follow
 * commit order, so a lookup that sees no newer position than the kept basis's sees nothing the
 * basis is missing, on any API process. The position is the one the token check read as the
 * request began (server/auth/service.ts): a basis kept at it or later is no older than the request.
 * A sync page asks for its own position when that is later, as the client's cursor will be.
 * The user's own changes (their settings) count towards that position too; as positions follow
 * commit order, every shared change up to it is in the basis all the same. A time to live bounds
 * what the feed does not carry: the industry, segment and region of the organisation's own
 * accounts, behind the in-target counts.
 *
 * The shared customer counts inside a basis may be older than its position (see
 * SharedCustomerCounts). A sync page asks for counts current at its position, which a kept basis
 * has only if it was read that way at that position or later.
 */
import { sql } from "drizzle-orm";
import type { ScoringBasis } from "../../src/scoring";
import { rows, type Tx } from "../db/client";
import { loadScoringBasis } from "./index";
import type { NamedOrg } from "./profiles";
import { type CountsFreshness, SharedCustomerCounts } from "./shared-customers";

const FIVE_MINUTES = 5 * 60_000;
const MAX_ORGANISATIONS = 10_000;

/** A basis for every partner of an organisation, with the partners it covers. */
export interface OrgScoringBasis extends ScoringBasis {
  partners: NamedOrg[];
}

/** Reads the caller's basis for all its partners, under its row-level security. */
async function readOrgScoringBasis(
  tx: Tx,
  orgId: string,
  sharedCustomers: SharedCustomerCounts,
  freshness: CountsFreshness,
): Promise<OrgScoringBasis> {
  // Row-level security shows an organisation itself and its partners only.
  const partners = await rows<NamedOrg>(tx, sql`select id, name from orgs where id <> ${orgId} order by id`);
  return { ...(await loadScoringBasis(tx, orgId, partners, sharedCustomers, freshness)), partners };
}

interface KeptBasis {
  feedSeq: number;
  /** The position its shared customer counts are current at; -1 when they were taken as kept. */
  countsCurrentAt: number;
  expiresAt: number;
  basis: OrgScoringBasis;
}

export class ScoringBasisCache {
  readonly #entries = new Map<string, KeptBasis>();
  readonly #sharedCustomers: SharedCustomerCounts;

  constructor(
    private readonly timeToLiveMs = FIVE_MINUTES,
    private readonly now: () => number = Date.now,
  ) {
    this.#sharedCustomers = new SharedCustomerCounts(timeToLiveMs, now);
  }

  /** The kept basis of `orgId` if it is still good for a caller whose feed is at `feedSeq`. */
  kept(orgId: string, feedSeq: number): OrgScoringBasis | undefined {
    const kept = this.#entries.get(orgId);
    return kept && feedSeq <= kept.feedSeq && kept.expiresAt > this.now() ? kept.basis : undefined;
  }

  /**
   * The basis of `orgId`, whose feed the caller has seen up to `feedSeq`; with `currentCounts`, with
   * shared customer counts current at `feedSeq`, as a sync page needs them.
   */
  async read(
    tx: Tx,
    orgId: string,
    feedSeq: number,
    { currentCounts = false } = {},
  ): Promise<OrgScoringBasis> {
    const kept = this.kept(orgId, feedSeq);
    if (kept && (!currentCounts || this.#entries.get(orgId)!.countsCurrentAt >= feedSeq)) return kept;
    const basis = await readOrgScoringBasis(tx, orgId, this.#sharedCustomers, {
      feedSeq,
      current: currentCounts,
    });
    // Re-inserted, so the map's order is oldest first and eviction drops the oldest.
    this.#entries.delete(orgId);
    this.#entries.set(orgId, {
      feedSeq,
      countsCurrentAt: currentCounts ? feedSeq : -1,
      expiresAt: this.now() + this.timeToLiveMs,
      basis,
    });
    if (this.#entries.size > MAX_ORGANISATIONS) this.#entries.delete(this.#entries.keys().next().value!);
    return basis;
  }
}
