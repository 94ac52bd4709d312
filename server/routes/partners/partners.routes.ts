import { createRoute } from "@hono/zod-openapi";
import { AccountLookupQuery, AccountPartners } from "../../../src/contract/partners";
import { bearerSecurity, errorResponse } from "../../http/router";

export const partnersInAccount = createRoute({
  method: "get",
  path: "/v1/accounts/partners",
  tags: ["Partners"],
  summary: "The partners present in one of your accounts",
  description:
    "Looks the account up by its CRM record id (a Salesforce id in its 15- or 18-character form, whichever the account was loaded with) and returns the partners whose accounts matched it, limited to what each partner shares.",
  security: bearerSecurity,
  request: { query: AccountLookupQuery },
  responses: {
    200: {
      description: "The partners present, best first.",
      content: { "application/json": { schema: AccountPartners } },
    },
    400: errorResponse("Malformed query."),
    401: errorResponse("Not signed in."),
  },
});
