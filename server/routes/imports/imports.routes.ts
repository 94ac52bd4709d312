import { createRoute } from "@hono/zod-openapi";
import { ErrorBody } from "../../../src/contract/errors";
import { ImportRun, ImportRunParams } from "../../../src/contract/imports";
import { bearerSecurity } from "../../http/router";

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
    400: { description: "Malformed id.", content: { "application/json": { schema: ErrorBody } } },
    401: { description: "Not signed in.", content: { "application/json": { schema: ErrorBody } } },
    403: { description: "Not an admin.", content: { "application/json": { schema: ErrorBody } } },
    404: { description: "No such import.", content: { "application/json": { schema: ErrorBody } } },
  },
});
