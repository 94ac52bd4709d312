import { createRoute } from "@hono/zod-openapi";
import { AuditPage, AuditQuery } from "../../../src/contract/audit";
import { ErrorBody } from "../../../src/contract/errors";
import { bearerSecurity } from "../../http/router";

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
    400: {
      description: "Malformed query or cursor.",
      content: { "application/json": { schema: ErrorBody } },
    },
    401: { description: "Not signed in.", content: { "application/json": { schema: ErrorBody } } },
    403: { description: "Not an admin.", content: { "application/json": { schema: ErrorBody } } },
  },
});
