import { createRoute } from "@hono/zod-openapi";
import { AuditPage, AuditQuery } from "../../../src/contract/audit";
import { bearerSecurity, errorResponse } from "../../http/router";

export const auditLogPage = createRoute({
  method: "get",
  path: "/v1/audit",
  tags: ["Audit"],
  summary: "Your organisation's audit log",
  description:
    "Sign-ins, sign-outs, new users, partnership and sharing changes, imports, corrections and intro transitions, newest first. Admins only.",
  security: bearerSecurity,
  request: { query: AuditQuery },
  responses: {
    200: { description: "One page of entries.", content: { "application/json": { schema: AuditPage } } },
    400: errorResponse("Malformed query or cursor."),
    401: errorResponse("Not signed in."),
    403: errorResponse("Not an admin."),
  },
});
