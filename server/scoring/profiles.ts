/**
 * Organisation profiles: what an organisation offers its partners. Routes read and write them under
 * the caller's row-level security; the CLI and the demo loader pass the privileged database.
 */
import { inArray } from "drizzle-orm";
import type { OrgProfile, ProfileInput } from "../../src/contract/profiles";
import type { SolutionArea } from "../../src/scoring";
import type { Queryable } from "../db/client";
import { auditLog, partnerProfiles } from "../db/schema";

export interface NamedOrg {
  id: string;
  name: string;
}

/** What partners see of an organisation that hasn't described itself: nothing offered, no co-selling. */
export function defaultProfile(org: NamedOrg): OrgProfile {
  return {
    orgId: org.id,
    name: org.name,
    solutionAreas: [],
    offerings: [],
    track: "complementary",
    coSellOptIn: false,
    updatedAt: null,
  };
}

/** The profiles of these organisations by id, with the default for each one that has none. */
export async function readProfiles(
  q: Queryable,
  orgs: readonly NamedOrg[],
): Promise<Map<string, OrgProfile>> {
  const profiles = new Map(orgs.map((org) => [org.id, defaultProfile(org)]));
  if (orgs.length === 0) return profiles;
  const stored = await q
    .select()
    .from(partnerProfiles)
    .where(
      inArray(
        partnerProfiles.orgId,
        orgs.map((org) => org.id),
      ),
    );
  for (const row of stored) {
    profiles.set(row.orgId, {
      ...profiles.get(row.orgId)!,
      // Written only through ProfileInput, so every stored area is in the catalogue.
      solutionAreas: row.solutionAreas as SolutionArea[],
      offerings: row.offerings,
      track: row.track,
      coSellOptIn: row.coSellOptIn,
      updatedAt: row.updatedAt.toISOString(),
    });
  }
  return profiles;
}

/** Replaces an organisation's profile and records who did it; `actorUserId` is null from the CLI. */
export async function writeProfile(
  q: Queryable,
  org: NamedOrg,
  input: ProfileInput,
  actorUserId: string | null,
): Promise<OrgProfile> {
  const values = { ...input, updatedAt: new Date() };
  await q.transaction(async (tx) => {
    await tx
      .insert(partnerProfiles)
      .values({ orgId: org.id, ...values })
      .onConflictDoUpdate({ target: partnerProfiles.orgId, set: values });
    await tx.insert(auditLog).values({
      orgId: org.id,
      actorUserId,
      action: "profile.updated",
      subject: org.id,
      details: input,
    });
  });
  return { orgId: org.id, name: org.name, ...input, updatedAt: values.updatedAt.toISOString() };
}
