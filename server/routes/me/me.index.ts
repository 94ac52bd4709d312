import { createRoute } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { Me } from "../../../src/contract/auth";
import { orgs, teams, users } from "../../db/schema";
import { bearerSecurity, createRouter, errorResponse } from "../../http/router";

const me = createRoute({
  method: "get",
  path: "/v1/me",
  tags: ["Auth"],
  summary: "The signed-in user, their organisation and role",
  security: bearerSecurity,
  responses: {
    200: { description: "Who you are.", content: { "application/json": { schema: Me } } },
    401: errorResponse("Not signed in."),
  },
});

export function meRoutes() {
  return createRouter().openapi(me, async (c) => {
    const caller = c.get("caller");
    const found = await c.get("scoped")(async (tx) => {
      const [row] = await tx
        .select({ user: users, org: orgs, team: teams })
        .from(users)
        .innerJoin(orgs, eq(orgs.id, users.orgId))
        .leftJoin(teams, eq(teams.id, users.teamId))
        .where(eq(users.id, caller.userId));
      return row!;
    });
    return c.json(
      {
        user: { id: found.user.id, email: found.user.email, name: found.user.name },
        organisation: { id: found.org.id, slug: found.org.slug, name: found.org.name },
        role: caller.role,
        team: found.team ? { id: found.team.id, name: found.team.name } : null,
      },
      200,
    );
  });
}
