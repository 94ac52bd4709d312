/**
 * The mapping work routes may ask for. It runs on the privileged database because matching and
 * corrections read both partners' accounts; each method takes the caller's organisation id, which
 * the route takes from the verified token, and acts for that organisation only. Routes get this
 * service from createApp, the way the auth routes get theirs, and never the database itself.
 */
import type { AccountInput } from "../../src/contract/accounts";
import type { Db } from "../db/client";
import { findCorrection, markNotAMatch, undoNotAMatch } from "./corrections";
import { type ImportOptions, importAccountsCsv } from "./import";
import { overlapMatrix } from "./matrix";
import { uploadAccounts } from "./upload";

export function createMappingService(db: Db) {
  return {
    importCsv: (orgId: string, input: AsyncIterable<Buffer | string>, options: ImportOptions) =>
      importAccountsCsv(db, orgId, input, options),
    uploadAccounts: (orgId: string, accounts: readonly AccountInput[], actorUserId: string) =>
      uploadAccounts(db, orgId, accounts, { actorUserId }),
    /** Call only once the caller's organisation is known to belong to the partnership. */
    overlapMatrix: (partnershipId: string, orgId: string) => overlapMatrix(db, partnershipId, orgId),
    findCorrection: (orgId: string, overlapId: string) => findCorrection(db, orgId, overlapId),
    markNotAMatch: (input: { orgId: string; userId: string; overlapId: string; reason?: string | null }) =>
      markNotAMatch(db, input),
    undoNotAMatch: (input: { orgId: string; userId: string; overlapId: string }) => undoNotAMatch(db, input),
  };
}

export type MappingService = ReturnType<typeof createMappingService>;
