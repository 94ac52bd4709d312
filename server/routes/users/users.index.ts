import { asc, eq, sql } from "drizzle-orm";
import type { UserList } from "../../../src/contract/users";
import { teams, users } from "../../db/schema";
import { ApiError } from "../../http/errors";
import { createRouter } from "../../http/router";
import { readUserSettings, writeUserSettings } from "../../sync/settings";
import { listUsers, readMySettings, writeMySettings } from "./users.routes";

export function usersRoutes() {
  return createRouter()
    .openapi(listUsers, async (c) => {
      const caller = c.get("caller");
      if (caller.role !== "admin" && caller.role !== "manager") {
        throw new ApiError(403, "forbidden", "Only admins and managers can list users.");
      }
      const found = await c.get("scoped")((tx) =>
        tx
          .select({
            id: users.id,
            email: users.email,
            name: users.name,
            role: users.role,
            team: { id: teams.id, name: teams.name },
          })
          .from(users)
          .leftJoin(teams, eq(teams.id, users.teamId))
          .where(
            caller.role === "admin"
              ? eq(users.orgId, caller.orgId)
              : // A manager without a team matches nobody: `team_id = null` is never true.
                sql`${users.teamId} = (select team_id from users where id = ${caller.userId})`,
          )
          .orderBy(asc(users.name), asc(users.email)),
      );
      const body: UserList = { users: found };
      return c.json(body, 200);
    })
    .openapi(readMySettings, async (c) => {
      const caller = c.get("caller");
      return c.json(await c.get("scoped")((tx) => readUserSettings(tx, caller.userId)), 200);
    })
    .openapi(writeMySettings, async (c) => {
      const settings = c.req.valid("json");
      const caller = c.get("caller");
      return c.json(await c.get("scoped")((tx) => writeUserSettings(tx, caller, settings)), 200);
    });
}
