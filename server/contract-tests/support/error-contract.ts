/**
 * What every answer to bad input must look like: never a 5xx; every 4xx in the one error shape
 * `{ error: { code, message, details? } }`; and a 400/422 names the offending fields, each of which
 * is a real field of the operation (or "(body)" for a body that is not JSON at all).
 */
import { ErrorBody } from "../../../src/contract/errors";
import type { Operation } from "./api-surface";
import { type OpenApiDocument, schemaAt } from "./json-schema";
import type { ApiResponse } from "./requests";

const MUST_NAME_FIELDS = new Set([400, 422]);

export function errorContractViolations(
  document: OpenApiDocument,
  operation: Operation | undefined,
  response: ApiResponse,
): string[] {
  if (response.status >= 500) return [`answered ${response.status}: ${response.text.slice(0, 500)}`];
  if (response.status < 400) return [];
  const problems: string[] = [];
  if (!response.headers.get("content-type")?.startsWith("application/json")) {
    problems.push(`a ${response.status} with content-type ${response.headers.get("content-type")}`);
  }
  const parsed = ErrorBody.safeParse(response.json);
  if (!parsed.success)
    return [...problems, `a ${response.status} not in the error shape: ${response.text.slice(0, 300)}`];
  const { details } = parsed.data.error;
  if (details?.length === 0) problems.push(`a ${response.status} with an empty details list`);
  if (MUST_NAME_FIELDS.has(response.status) && !details?.length) {
    problems.push(`a ${response.status} that names no field: ${response.text.slice(0, 300)}`);
  }
  if (operation) {
    for (const { field } of details ?? []) {
      if (!namesRealField(document, operation, field)) {
        problems.push(`a ${response.status} names "${field}", which is no field of ${operation.name}`);
      }
    }
  }
  return problems;
}

/**
 * Validation errors are reported as `email`, `accounts.3.name` (body), `query.limit` and
 * `param.id`; handlers may also name a parameter without its location.
 */
export function namesRealField(document: OpenApiDocument, operation: Operation, field: string): boolean {
  if (field === "(body)") return operation.body !== undefined;
  const [location, ...rest] = field.split(".");
  const parameterIn = (params: Operation["queryParams"], path: string[]) =>
    params.length > 0 && (path.length === 0 || params.some((param) => param.name === path[0]));
  if (location === "query" && parameterIn(operation.queryParams, rest)) return true;
  if (location === "param" && parameterIn(operation.pathParams, rest)) return true;
  if ([...operation.queryParams, ...operation.pathParams].some((param) => param.name === field)) return true;
  return (
    operation.body !== undefined && schemaAt(document, operation.body.schema, field.split(".")) !== undefined
  );
}
