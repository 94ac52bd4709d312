/**
 * Answers must be what the OpenAPI document promises: a documented status, and for a success a
 * body that parses with the zod schema the route declared (the schema the document is made from).
 */
import type { App } from "../../app";
import type { Operation } from "./api-surface";
import type { ApiResponse } from "./requests";

interface ParsesBodies {
  safeParse(value: unknown): { success: boolean; error?: { message: string } };
}

export function responseContractViolations(app: App, operation: Operation, response: ApiResponse): string[] {
  const status = String(response.status);
  if (!(status in operation.responses)) {
    return [
      `${operation.name} answered ${status}, which it does not document: ${response.text.slice(0, 300)}`,
    ];
  }
  if (response.status >= 300) return [];
  const schema = declaredSchema(app, operation, status);
  if (!schema) return [];
  const parsed = schema.safeParse(response.json);
  return parsed.success
    ? []
    : [`${operation.name} answered ${status} with a body its schema rejects: ${parsed.error?.message}`];
}

function declaredSchema(app: App, operation: Operation, status: string): ParsesBodies | undefined {
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== "route") continue;
    const { route } = definition;
    if (route.method.toUpperCase() !== operation.method || route.path !== operation.path) continue;
    const media: unknown = (route.responses[status] as { content?: Record<string, unknown> } | undefined)
      ?.content?.["application/json"];
    const schema = (media as { schema?: unknown } | undefined)?.schema;
    return schema && typeof schema === "object" && "safeParse" in schema
      ? (schema as ParsesBodies)
      : undefined;
  }
  return undefined;
}
