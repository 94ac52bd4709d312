import { createRoute } from "@hono/zod-openapi";
import { etagHeader, IfMatch } from "../../../src/contract/preconditions";
import { SolutionMap, SolutionMapInput } from "../../../src/contract/solution-map";
import { bearerSecurity, errorResponse } from "../../http/router";

const map = (description: string) => ({
  description,
  headers: etagHeader("the map"),
  content: { "application/json": { schema: SolutionMap } },
});

export const readSolutionMapRoute = createRoute({
  method: "get",
  path: "/v1/solution-map",
  tags: ["Solution map"],
  summary: "Your product's solution map",
  description:
    "Which solution areas your own product covers, which needs it leaves to partners (per industry, segment or region, with a reason reps read), and your target market. The complementarity score compares partners with it.",
  security: bearerSecurity,
  responses: {
    200: map("Your solution map."),
    401: errorResponse("Not signed in."),
    404: errorResponse("No solution map yet: an admin sets one up with PUT."),
  },
});

export const writeSolutionMapRoute = createRoute({
  method: "put",
  path: "/v1/solution-map",
  tags: ["Solution map"],
  summary: "Describe what your product covers and leaves to partners",
  description:
    "Replaces the solution map. Admins only; recorded in the audit log. Send the `ETag` of the map you read as `If-Match`, so that a change another admin made meanwhile is not undone unseen.",
  security: bearerSecurity,
  request: {
    headers: IfMatch,
    body: { required: true, content: { "application/json": { schema: SolutionMapInput } } },
  },
  responses: {
    200: map("The solution map as saved."),
    400: errorResponse("Invalid solution map, naming each offending field."),
    401: errorResponse("Not signed in."),
    403: errorResponse("Only admins can change the solution map."),
    412: errorResponse(
      "`If-Match` does not match: the map changed since you read it (or there is none yet). Read it again.",
    ),
  },
});
