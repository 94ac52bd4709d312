import { holdLock } from "../../db/locks";
import { ApiError, notFound } from "../../http/errors";
import { checkIfMatch, etagOf } from "../../http/preconditions";
import { createRouter } from "../../http/router";
import { readSolutionMap, writeSolutionMap } from "../../scoring/solution-map";
import { readSolutionMapRoute, writeSolutionMapRoute } from "./solution-map.routes";

export function solutionMapRoutes() {
  return createRouter()
    .openapi(readSolutionMapRoute, async (c) => {
      const { orgId } = c.get("caller");
      const map = await c.get("scoped")((tx) => readSolutionMap(tx, orgId));
      if (!map) throw notFound("No solution map yet: an admin sets one up with PUT /v1/solution-map.");
      return c.json(map, 200, { etag: etagOf(map) });
    })
    .openapi(writeSolutionMapRoute, async (c) => {
      const caller = c.get("caller");
      if (caller.role !== "admin") {
        throw new ApiError(403, "forbidden", "Only admins can change the solution map.");
      }
      const input = c.req.valid("json");
      const ifMatch = c.req.valid("header")["if-match"];
      const map = await c.get("scoped")(async (tx) => {
        // Two admins saving at once take turns, so each If-Match is checked against the latest save.
        await holdLock(tx, `solution-map:${caller.orgId}`);
        const current = await readSolutionMap(tx, caller.orgId);
        checkIfMatch(ifMatch, current && etagOf(current), "The solution map");
        return writeSolutionMap(tx, caller.orgId, input, caller.userId);
      });
      return c.json(map, 200, { etag: etagOf(map) });
    });
}
