/**
 * Picks the CRM adapter for a page. The content script on every CRM page imports this, so it and the
 * adapters stay small and dependency-free.
 */
import { dynamics } from "./dynamics";
import { hubspot } from "./hubspot";
import { salesforceClassic } from "./salesforce-classic";
import { salesforceLightning } from "./salesforce-lightning";
import type { CrmAdapter } from "./types";

const CRM_ADAPTERS: readonly CrmAdapter[] = [salesforceLightning, salesforceClassic, hubspot, dynamics];

export function adapterFor(url: URL): CrmAdapter | null {
  return CRM_ADAPTERS.find((adapter) => adapter.matchesHost(url)) ?? null;
}
