import { ApiError, notFound } from "../../http/errors";
import { createRouter } from "../../http/router";
import { readImportRun } from "./import-runs";
import { readImport } from "./imports.routes";

export function importsRoutes() {
  return createRouter().openapi(readImport, async (c) => {
    if (c.get("caller").role !== "admin") {
      throw new ApiError(403, "forbidden", "Only an admin can see account imports.");
    }
    const { id } = c.req.valid("param");
    const run = await c.get("scoped")((tx) => readImportRun(tx, id));
    if (!run) throw notFound("No such import.");
    return c.json(run, 200);
  });
}
