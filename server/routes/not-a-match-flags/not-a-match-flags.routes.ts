import { createRoute } from "@hono/zod-openapi";
import {
  NotAMatchFlagList,
  NotAMatchFlagListQuery,
  NotAMatchFlagParams,
} from "../../../src/contract/not-a-match-flags";
import { bearerSecurity, errorResponse } from "../../http/router";

export const listNotAMatchFlags = createRoute({
  method: "get",
  path: "/v1/not-a-match-flags",
  tags: ["Overlaps"],
  summary: "Your organisation's “not a match” flags",
  description:
    "Admins and managers. Every pair of accounts your users said are not the same company, including those whose overlap no longer exists: a flag stays with the two accounts' CRM ids and hides the pair again if they match later. The partner's flags are theirs and are not listed.",
  security: bearerSecurity,
  request: { query: NotAMatchFlagListQuery },
  responses: {
    200: {
      description: "One page of flags.",
      content: { "application/json": { schema: NotAMatchFlagList } },
    },
    400: errorResponse("Malformed query."),
    401: errorResponse("Not signed in."),
    403: errorResponse("Not an admin or manager."),
  },
});

export const removeNotAMatchFlag = createRoute({
  method: "delete",
  path: "/v1/not-a-match-flags/{flagId}",
  tags: ["Overlaps"],
  summary: "Take back one of your organisation's “not a match” flags",
  description:
    "Admins only. Works whether or not the overlap exists now; where it does, it shows again (unless the partner flagged it too), and extensions get it on their next sync.",
  security: bearerSecurity,
  request: { params: NotAMatchFlagParams },
  responses: {
    204: { description: "The flag is gone." },
    400: errorResponse("Malformed id."),
    401: errorResponse("Not signed in."),
    403: errorResponse("Not an admin."),
    404: errorResponse("Your organisation has no flag with this id."),
  },
});
