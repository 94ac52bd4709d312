/**
 * The served OpenAPI document is valid OpenAPI 3.1 by an independent validator, and complete
 * enough to program against: every operation is summarised and declares the errors it can answer.
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../testing/database";
import { testApp } from "../testing/fixtures";
import { loadApiSurface, type Operation } from "./support/api-surface";
import { allRefs, referencedComponents, resolve } from "./support/json-schema";

const database = await openTestDatabase();
const { document, operations } = await loadApiSurface(testApp(database).app);
afterAll(() => database.close());

const ERROR_SCHEMA = "#/components/schemas/Error";

/** The errors a caller must be told to expect, by what the operation takes. */
function requiredErrors(operation: Operation): string[] {
  const required: string[] = [];
  if (operation.pathParams.length + operation.queryParams.length > 0 || operation.body) required.push("400");
  if (operation.secured) required.push("401");
  if (operation.pathParams.length > 0) required.push("404");
  return required;
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 according to @seriousme/openapi-schema-validator", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("resolves every $ref", () => {
    const broken = allRefs(document).filter((ref) => {
      try {
        resolve(document, { $ref: ref });
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toEqual([]);
  });

  it("uses every schema component it defines", () => {
    const used = referencedComponents(document, document.paths);
    const unused = Object.keys(document.components?.schemas ?? {}).filter((name) => !used.has(name));
    expect(unused).toEqual([]);
  });
});

describe.each(operations)("$name", (operation) => {
  it("has a summary", () => {
    expect(operation.summary?.trim()).toBeTruthy();
  });

  it("declares the errors it can answer, in the error shape", () => {
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(requiredErrors(operation)));
    for (const [status, response] of Object.entries(operation.responses)) {
      if (Number(status) < 400) continue;
      expect(response.content?.["application/json"]?.schema?.$ref, `response ${status}`).toBe(ERROR_SCHEMA);
    }
  });
});

it.each(operations.filter((operation) => operation.secured))(
  "$name names a security scheme the document defines",
  (operation) => {
    const raw = document.paths?.[operation.path]?.[operation.method.toLowerCase()] as { security?: object[] };
    const schemes = Object.keys(document.components?.securitySchemes ?? {});
    for (const requirement of raw.security ?? document.security ?? []) {
      expect(schemes).toEqual(expect.arrayContaining(Object.keys(requirement as object)));
    }
  },
);
