/** Builders for sync feed tests: partnered organisations with matched accounts, and a client replica. */
import type { AccountInput } from "../../../src/contract/accounts";
import type { SyncedOverlap, SyncResponse, UserSettings } from "../../../src/contract/sync";
import { createPartnership, type ShareOptions } from "../../admin/organisations";
import type { Database } from "../../db/client";
import { upsertAccounts } from "../../mapping/accounts";
import { runMatching } from "../../mapping/match-run";
import { createTestOrg, type TestApp } from "../../testing/fixtures";

export type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

/** What partners share in these tests unless told otherwise: their overlaps, with names and owners. */
export const SHARE_OVERLAPS: ShareOptions = {
  level: "overlaps",
  fields: ["name", "relationship", "owner_name"],
};

/** An account of `org` numbered `n`; the same number on two sides is the same company (same domain). */
export function account(org: TestOrg, n: number, changes: Partial<AccountInput> = {}): AccountInput {
  return {
    crmId: `${org.slug}-${n}`,
    name: `Company ${n}`,
    websites: [`https://company-${n}-${org.slug.slice(2)}.com`],
    relationship: "customer",
    ownerName: `Owner ${n}`,
    ...changes,
  };
}

/** An account of `partner` that matches `vendor`'s account number `n`. */
export function partnerAccount(
  partner: TestOrg,
  vendor: TestOrg,
  n: number,
  changes: Partial<AccountInput> = {},
): AccountInput {
  return { ...account(vendor, n), crmId: `${partner.slug}-${n}`, ...changes };
}

/**
 * A vendor with accounts 1..`accounts`, and a partner that shares its overlaps and holds the same
 * companies, matched.
 */
export async function partneredOrgs(database: Database, options: { accounts: number; share?: ShareOptions }) {
  const vendor = await createTestOrg(database, "Vendor");
  const partner = await addPartner(database, vendor, {
    accounts: range(options.accounts),
    share: options.share ?? SHARE_OVERLAPS,
  });
  const numbers = range(options.accounts);
  await upsertAccounts(
    database.db,
    vendor.org.id,
    numbers.map((n) => account(vendor, n)),
  );
  await runMatching(database.db, { orgId: vendor.org.id });
  return { vendor, partner };
}

/** Another organisation partnered with `vendor`, holding the vendor's companies numbered `accounts`. */
export async function addPartner(
  database: Database,
  vendor: TestOrg,
  options: { accounts: number[]; share?: ShareOptions },
) {
  const partner = await createTestOrg(database, "Partner");
  await createPartnership(database.db, {
    orgSlug: vendor.slug,
    partnerSlug: partner.slug,
    partnerShare: options.share ?? SHARE_OVERLAPS,
  });
  await upsertAccounts(
    database.db,
    partner.org.id,
    options.accounts.map((n) => partnerAccount(partner, vendor, n)),
  );
  return partner;
}

export const range = (count: number, from = 1) => Array.from({ length: count }, (_, i) => from + i);

/** Reads one page; fails the test on anything but 200. */
export async function syncPage(
  client: TestApp,
  token: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<SyncResponse> {
  const query = new URLSearchParams();
  if (options.cursor !== undefined) query.set("cursor", options.cursor);
  if (options.limit !== undefined) query.set("limit", String(options.limit));
  const response = await client.request("GET", `/v1/sync?${query}`, { token });
  if (response.status !== 200)
    throw new Error(`sync failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as unknown as SyncResponse;
}

/**
 * What the extension keeps: overlaps by id and settings, updated page by page as the contract says
 * (`reset` drops everything, tombstones remove, overlaps replace).
 */
export class Replica {
  readonly overlaps = new Map<string, SyncedOverlap>();
  settings: UserSettings | null = null;
  cursor: string | undefined;
  readonly pages: SyncResponse[] = [];

  apply(page: SyncResponse): void {
    if (page.reset) this.overlaps.clear();
    for (const tombstone of page.deleted) {
      if (tombstone.entity === "overlap") this.overlaps.delete(tombstone.id);
    }
    for (const overlap of page.overlaps) this.overlaps.set(overlap.overlapId, overlap);
    if (page.settings) this.settings = page.settings;
    this.cursor = page.cursor;
    this.pages.push(page);
  }

  /** Pages until the feed has nothing more, optionally doing something between pages. */
  async syncToEnd(client: TestApp, token: string, limit?: number, between?: () => Promise<void>) {
    const start = this.pages.length;
    for (;;) {
      const page = await syncPage(client, token, { cursor: this.cursor, limit });
      this.apply(page);
      if (!page.hasMore) return this.pages.slice(start);
      await between?.();
    }
  }
}

/** Everything the user may see right now, from a fresh full sync. */
export async function truth(client: TestApp, token: string): Promise<Map<string, SyncedOverlap>> {
  const fresh = new Replica();
  await fresh.syncToEnd(client, token);
  return fresh.overlaps;
}
