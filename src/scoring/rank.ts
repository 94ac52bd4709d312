import type { Classification, PartnerScore } from "./schemas";

const CLASSIFICATION_ORDER: Readonly<Record<Classification, number>> = { complementary: 0, adjacent: 1 };
// A fixed locale keeps the order the same in the browser and on the server.
const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Best partners first. Ties fall back to classification, then name, then org id, so the same partners
 * come out in the same order whatever order they went in.
 */
export function rankPartners(scored: readonly PartnerScore[]): PartnerScore[] {
  return [...scored].sort(
    (a, b) =>
      b.total - a.total ||
      CLASSIFICATION_ORDER[a.classification] - CLASSIFICATION_ORDER[b.classification] ||
      byName.compare(a.partnerName, b.partnerName) ||
      byId(a.partnerOrgId, b.partnerOrgId),
  );
}
