import { createRoute, z } from "@hono/zod-openapi";
import { AccountBatch, AccountBatchResult, ImportQuery, ImportRun } from "../../../src/contract/imports";
import { bearerSecurity, errorResponse } from "../../http/router";

export const IMPORT_PATH = "/v1/accounts/import";
/** Larger than any CRM export we have seen (1M accounts is about 200 MB). */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export const importAccounts = createRoute({
  method: "post",
  path: IMPORT_PATH,
  tags: ["Accounts"],
  summary: "Import accounts from a CRM export (CSV)",
  description: `Admins only. The body is a Salesforce or HubSpot account export, or any CSV whose columns \`map\` names, up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB. It is streamed: rows are staged as they are read and applied in one transaction at the end, so either the whole file lands or nothing does. Bad rows are skipped and reported with their line number; good rows land. Accounts are upserted by CRM id: importing the same file twice changes nothing, and accounts missing from the file are kept. Matching against your partners runs before the response.`,
  security: bearerSecurity,
  request: {
    query: ImportQuery,
    body: { required: true, content: { "text/csv": { schema: z.string().meta({ format: "binary" }) } } },
  },
  responses: {
    201: { description: "The applied import.", content: { "application/json": { schema: ImportRun } } },
    400: errorResponse(
      "The file cannot be read (no usable header, broken quoting) or the query is malformed.",
    ),
    401: errorResponse("Not signed in."),
    403: errorResponse("Not an admin."),
    409: errorResponse(
      "A newer import of your organisation started while this one was being read; nothing was applied.",
    ),
    413: errorResponse("The file is too large."),
    415: errorResponse("The body is not text/csv."),
  },
});

export const uploadAccounts = createRoute({
  method: "post",
  path: "/v1/accounts",
  tags: ["Accounts"],
  summary: "Load a batch of accounts",
  description:
    "Admins only. Upserts up to 1000 accounts by CRM id in one transaction, then matches them against your partners. The batch is all or nothing: an invalid account is reported as a 400 whose details name its index and field (`accounts.3.websites.0`).",
  security: bearerSecurity,
  request: { body: { required: true, content: { "application/json": { schema: AccountBatch } } } },
  responses: {
    200: {
      description: "How many accounts were new, changed and unchanged.",
      content: { "application/json": { schema: AccountBatchResult } },
    },
    400: errorResponse("Invalid accounts; each detail names the index and field."),
    401: errorResponse("Not signed in."),
    403: errorResponse("Not an admin."),
    413: errorResponse("The body is larger than 1 MiB."),
  },
});
