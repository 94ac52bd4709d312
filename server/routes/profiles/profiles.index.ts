import { sql } from "drizzle-orm";
import type { OrgProfile } from "../../../src/contract/profiles";
import { rows, type Tx } from "../../db/client";
import { holdLock } from "../../db/locks";
import { ApiError, notFound } from "../../http/errors";
import { checkIfMatch, etagOf } from "../../http/preconditions";
import { createRouter } from "../../http/router";
import { type NamedOrg, readProfiles, writeProfile } from "../../scoring/profiles";
import { readOwnProfile, readPartnerProfile, writeOwnProfile } from "./profiles.routes";

async function readOwnProfileIn(tx: Tx, orgId: string): Promise<OrgProfile> {
  const [org] = await rows<NamedOrg>(tx, sql`select id, name from orgs where id = ${orgId}`);
  return (await readProfiles(tx, [org!])).get(orgId)!;
}

export function profilesRoutes() {
  return createRouter()
    .openapi(readOwnProfile, async (c) => {
      const { orgId } = c.get("caller");
      const profile = await c.get("scoped")((tx) => readOwnProfileIn(tx, orgId));
      return c.json(profile, 200, { etag: etagOf(profile) });
    })
    .openapi(writeOwnProfile, async (c) => {
      const caller = c.get("caller");
      if (caller.role !== "admin") {
        throw new ApiError(403, "forbidden", "Only admins can change the organisation's profile.");
      }
      const input = c.req.valid("json");
      const ifMatch = c.req.valid("header")["if-match"];
      const profile = await c.get("scoped")(async (tx) => {
        // Two admins saving at once take turns, so each If-Match is checked against the latest save.
        await holdLock(tx, `profile:${caller.orgId}`);
        const current = await readOwnProfileIn(tx, caller.orgId);
        checkIfMatch(ifMatch, etagOf(current), "The profile");
        return writeProfile(tx, { id: current.orgId, name: current.name }, input, caller.userId);
      });
      return c.json(profile, 200, { etag: etagOf(profile) });
    })
    .openapi(readPartnerProfile, async (c) => {
      const { orgId } = c.req.valid("param");
      const caller = c.get("caller");
      const profile = await c.get("scoped")(async (tx) => {
        // Row-level security shows only the caller's own organisation and its partners; skip its own.
        const [partner] = await rows<NamedOrg>(
          tx,
          sql`select id, name from orgs where id = ${orgId} and id <> ${caller.orgId}`,
        );
        return partner ? (await readProfiles(tx, [partner])).get(partner.id)! : null;
      });
      if (!profile) throw notFound("No partner with this id.");
      return c.json(profile, 200);
    });
}
