import type { AccountRecord, CrmKind } from "./types";

/** Builds the record an adapter returns, listing the fields it could not read so the sidebar can say so. */
export function accountRecord(
  crm: CrmKind,
  recordId: string,
  name: string | null,
  website: string | null,
): AccountRecord {
  const missing: AccountRecord["missing"] = [];
  if (name === null) missing.push("name");
  if (website === null) missing.push("website");
  return { crm, recordId, name, website, missing };
}
