import { createRoute } from "@hono/zod-openapi";
import { ImportRun, ImportRunParams } from "../../../src/contract/imports";
import { bearerSecurity, errorResponse } from "../../http/router";

export const readImport = createRoute({
  method: "get",
  path: "/v1/imports/{id}",
  tags: ["Accounts"],
  summary: "One account import: its status, counts and bad rows",
  description: "Admins only. Another organisation's import is a 404.",
  security: bearerSecurity,
  request: { params: ImportRunParams },
  responses: {
    200: { description: "The import run.", content: { "application/json": { schema: ImportRun } } },
    400: errorResponse("Malformed id."),
    401: errorResponse("Not signed in."),
    403: errorResponse("Not an admin."),
    404: errorResponse("No such import."),
  },
});
