import type { AccountBatchResult, ImportQuery } from "../../../src/contract/imports";
import type { Caller } from "../../http/env";
import { ApiError } from "../../http/errors";
import { createRouter } from "../../http/router";
import { AccountsCsvError } from "../../import/errors";
import { ColumnMapError, parseColumnMap } from "../../mapping/column-map";
import { ImportSupersededError } from "../../mapping/import";
import { parseRelationshipValues, RelationshipValuesError } from "../../mapping/relationship-values";
import type { MappingService } from "../../mapping/service";
import { readImportRun } from "../imports/import-runs";
import { importAccounts, MAX_IMPORT_BYTES, uploadAccounts } from "./accounts.routes";
import { csvBody } from "./csv-body";

function requireAdmin(caller: Caller, what: string): void {
  if (caller.role !== "admin") throw new ApiError(403, "forbidden", `Only an admin can ${what}.`);
}

/** A query option read before the file: what is wrong with it is a 400 naming the parameter. */
function readOption<T>(parameter: "map" | "relationshipValue", read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ColumnMapError || error instanceof RelationshipValuesError)) throw error;
    throw new ApiError(400, "invalid_request", "The request is not valid.", [
      { field: parameter, message: error.message },
    ]);
  }
}

export function accountsRoutes(mapping: MappingService) {
  return createRouter()
    .openapi(importAccounts, async (c) => {
      const caller = c.get("caller");
      requireAdmin(caller, "import accounts");
      const query: ImportQuery = c.req.valid("query");
      const map = readOption("map", () => parseColumnMap(query.map));
      const relationshipValues = readOption("relationshipValue", () =>
        parseRelationshipValues(query.relationshipValue),
      );
      const summary = await mapping
        .importCsv(caller.orgId, csvBody(c, MAX_IMPORT_BYTES), {
          source: "upload",
          actorUserId: caller.userId,
          format: query.format,
          map,
          defaultRelationship: query.defaultRelationship,
          relationshipValues,
          dateOrder: query.dateOrder,
        })
        .catch((error: unknown) => {
          if (error instanceof AccountsCsvError) {
            throw new ApiError(400, "invalid_csv", error.message, [
              { field: error.option ?? "(body)", message: error.message },
            ]);
          }
          if (error instanceof ImportSupersededError) throw new ApiError(409, "superseded", error.message);
          throw error;
        });
      const run = await c.get("scoped")((tx) => readImportRun(tx, summary.id));
      return c.json(run!, 201);
    })
    .openapi(uploadAccounts, async (c) => {
      const caller = c.get("caller");
      requireAdmin(caller, "load accounts");
      const { accounts } = c.req.valid("json");
      const { inserted, updated, unchanged } = await mapping.uploadAccounts(
        caller.orgId,
        accounts,
        caller.userId,
      );
      const body: AccountBatchResult = { inserted, updated, unchanged };
      return c.json(body, 200);
    });
}
