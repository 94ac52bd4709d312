/**
 * The background's HTTP client for the cosell-lens API. Only the background talks to the server:
 * content scripts run under the CRM page's origin and CSP.
 */
import type { z } from "zod";
import { ErrorBody } from "../../src/contract/errors";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The server could not be reached at all (down, offline, wrong URL). */
export class Unreachable extends Error {}

export async function apiRequest<S extends z.ZodType>(
  serverUrl: string,
  path: string,
  schema: S,
  init: { method?: string; token?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(new URL(path, serverUrl), {
      method: init.method ?? "GET",
      headers: {
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal ?? AbortSignal.timeout(15_000),
    });
  } catch (error) {
    throw new Unreachable(`Can't reach the server at ${serverUrl}: ${(error as Error).message}`);
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(body);
    throw new ApiFailure(
      response.status,
      parsed.success ? parsed.data.error.code : "http_error",
      parsed.success ? parsed.data.error.message : `The server answered ${response.status}.`,
    );
  }
  return schema.parse(body);
}
