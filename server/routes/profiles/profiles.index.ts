import { sql } from "drizzle-orm";
import { rows } from "../../db/client";
import { ApiError, notFound } from "../../http/errors";
import { createRouter } from "../../http/router";
import { type NamedOrg, readProfiles, writeProfile } from "../../scoring/profiles";
import { readOwnProfile, readPartnerProfile, writeOwnProfile } from "./profiles.routes";

export function profilesRoutes() {
  return createRouter()
    .openapi(readOwnProfile, async (c) => {
      const { orgId } = c.get("caller");
      const profile = await c.get("scoped")(async (tx) => {
        const [org] = await rows<NamedOrg>(tx, sql`select id, name from orgs where id = ${orgId}`);
        return (await readProfiles(tx, [org!])).get(orgId)!;
      });
      return c.json(profile, 200);
    })
    .openapi(writeOwnProfile, async (c) => {
      const caller = c.get("caller");
      if (caller.role !== "admin") {
        throw new ApiError(403, "forbidden", "Only admins can change the organisation's profile.");
      }
      const input = c.req.valid("json");
      const profile = await c.get("scoped")(async (tx) => {
        const [org] = await rows<NamedOrg>(tx, sql`select id, name from orgs where id = ${caller.orgId}`);
        return writeProfile(tx, org!, input, caller.userId);
      });
      return c.json(profile, 200);
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
