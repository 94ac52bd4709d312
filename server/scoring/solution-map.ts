/** The vendor's solution map: what its own product covers and what it leaves to partners. */
import { eq } from "drizzle-orm";
import type { SolutionMap } from "../../src/contract/solution-map";
import { VendorSolutionMap } from "../../src/scoring";
import type { Queryable } from "../db/client";
import { auditLog, solutionMaps } from "../db/schema";

/** Null until the organisation has set one up. */
export async function readSolutionMap(q: Queryable, orgId: string): Promise<SolutionMap | null> {
  const [row] = await q.select().from(solutionMaps).where(eq(solutionMaps.orgId, orgId));
  if (!row) return null;
  // Written only through VendorSolutionMap; parsing it again puts the keys jsonb reordered back in order.
  const map = VendorSolutionMap.parse(row);
  return { ...map, updatedAt: row.updatedAt.toISOString() };
}

/** Replaces the organisation's solution map and records who did it; `actorUserId` is null from the CLI. */
export async function writeSolutionMap(
  q: Queryable,
  orgId: string,
  input: VendorSolutionMap,
  actorUserId: string | null,
): Promise<SolutionMap> {
  const values = { ...input, updatedAt: new Date() };
  await q.transaction(async (tx) => {
    await tx
      .insert(solutionMaps)
      .values({ orgId, ...values })
      .onConflictDoUpdate({ target: solutionMaps.orgId, set: values });
    await tx.insert(auditLog).values({
      orgId,
      actorUserId,
      action: "solution_map.updated",
      subject: orgId,
      details: input,
    });
  });
  return { ...input, updatedAt: values.updatedAt.toISOString() };
}
