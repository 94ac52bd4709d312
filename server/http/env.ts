import type { Role } from "../../src/contract/auth";
import type { Tx } from "../db/client";
import type { TenantFunction } from "../db/tenant";

/** Who is calling, once the bearer token checked out. */
export interface Caller {
  userId: string;
  orgId: string;
  role: Role;
  sessionId: string;
  /**
   * How far the caller's sync feed had come when the token was checked: the newest change the
   * caller may see. A client already there has nothing to fetch (see the sync route).
   */
  feedSeq: number;
  /** The sync feed's epoch: the sync route refuses a cursor issued in another one. */
  feedEpoch: number;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    caller: Caller;
    /**
     * Runs queries as the caller's organisation, under row-level security. This and `scopedCall`
     * are the only database handles routes get.
     */
    scoped: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
    /** Calls a tenant function as the caller, in one statement (see server/db/tenant.ts). */
    scopedCall: <T>(fn: TenantFunction, ...args: unknown[]) => Promise<T[]>;
  };
}
