/**
 * Bearer-token checks, in batches. Every signed-in request checks its token in the database
 * before anything else, and a statement has a fixed cost well above the check itself: on PGlite,
 * whose one worker runs every statement in turn, about three times it; on PostgreSQL, a round trip.
 * So one check runs at a time, and the tokens of all the requests that arrive meanwhile go
 * together in the next one (migration 0016). An idle server checks a token at once; a busy one
 * pays the fixed cost once per batch instead of once per request.
 *
 * Each check still reads the database after its request arrived, so a revoked or expired token is
 * refused exactly as before, and the feed position it reads is as fresh.
 */
import type { Role } from "../../src/contract/auth";

/** A valid session behind a token hash, as check_tokens() returns it. */
export interface CheckedToken {
  token_hash: string;
  session_id: string;
  user_id: string;
  org_id: string;
  role: Role;
  feed_seq: string | number | null;
  /** The sync feed's epoch (migration 0022): a cursor from another one is refused. */
  feed_epoch: number;
}

/** Reads the valid sessions among `tokenHashes`; a hash with no valid session has no row. */
export type CheckTokens = (tokenHashes: readonly string[]) => Promise<CheckedToken[]>;

interface Waiting {
  tokenHash: string;
  resolve(found: CheckedToken | null): void;
  reject(error: unknown): void;
}

/** Bounds one statement's size; the rest waits for the next batch. */
export const MAX_TOKENS_PER_CHECK = 256;

export function batchTokenChecks(
  checkTokens: CheckTokens,
): (tokenHash: string) => Promise<CheckedToken | null> {
  const waiting: Waiting[] = [];
  let checking = false;

  async function checkWaiting(): Promise<void> {
    checking = true;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, MAX_TOKENS_PER_CHECK);
      try {
        const found = new Map<string, CheckedToken>();
        for (const row of await checkTokens([...new Set(batch.map((w) => w.tokenHash))])) {
          found.set(row.token_hash, row);
        }
        for (const w of batch) w.resolve(found.get(w.tokenHash) ?? null);
      } catch (error) {
        // The database failed this batch: its requests fail, and the next batch tries again.
        for (const w of batch) w.reject(error);
      }
    }
    checking = false;
  }

  return (tokenHash) =>
    new Promise((resolve, reject) => {
      waiting.push({ tokenHash, resolve, reject });
      if (!checking) void checkWaiting();
    });
}
