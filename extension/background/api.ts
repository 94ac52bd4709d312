/**
 * The background's HTTP client for the cosell-lens API. Only the background talks to the server:
 * content scripts run under the CRM page's origin and CSP.
 */
import type { z } from "zod";
import { ErrorBody } from "../../src/contract/errors";
import { apiUrl } from "../server-url";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds the server asks to wait before trying again (its Retry-After), when it says. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/** Retry-After in seconds: given as seconds, or as the date to wait until. */
function retryAfterOf(response: Response): number | null {
  const value = response.headers.get("retry-after")?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const until = Date.parse(value);
  return Number.isNaN(until) ? null : Math.max(0, Math.ceil((until - Date.now()) / 1000));
}

/**
 * No cosell-lens API answered: the server is down, the network is offline, or the URL is wrong.
 * Also when something else answered in its place: a proxy or load balancer saying the API behind
 * it is down, or a network's sign-in page. Callers then fall back on saved data, as when offline.
 */
export class Unreachable extends Error {}

/** What a proxy or load balancer in front of the API answers when the API is down or too slow. */
const GATEWAY_FAILURES = new Set([502, 503, 504]);

type ApiRequestInit = { method?: string; token?: string; body?: unknown; signal?: AbortSignal };

/** `serverUrl` is the server's address as signed in to, path included (see ../server-url). */
export async function apiRequest<S extends z.ZodType>(
  serverUrl: string,
  route: `/${string}`,
  schema: S,
  init: ApiRequestInit = {},
): Promise<z.infer<S>> {
  return (await apiRequestDated(serverUrl, route, schema, init)).answer;
}

/**
 * As apiRequest, with how far this computer's clock runs ahead of the server's (negative when
 * behind), from the answer's Date header; 0 when the answer has none.
 */
export async function apiRequestDated<S extends z.ZodType>(
  serverUrl: string,
  route: `/${string}`,
  schema: S,
  init: ApiRequestInit = {},
): Promise<{ answer: z.infer<S>; clockAhead: number }> {
  let response: Response;
  try {
    response = await fetch(apiUrl(serverUrl, route), {
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
  if (GATEWAY_FAILURES.has(response.status)) {
    throw new Unreachable(`Can't reach the server at ${serverUrl}: the gateway answered ${response.status}.`);
  }
  const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(body);
    throw new ApiFailure(
      response.status,
      parsed.success ? parsed.data.error.code : "http_error",
      parsed.success ? parsed.data.error.message : `The server answered ${response.status}.`,
      retryAfterOf(response),
    );
  }
  const answer = schema.safeParse(body);
  if (!answer.success) {
    throw new Unreachable(
      `Can't reach the server at ${serverUrl}: what answered is not the cosell-lens API.`,
    );
  }
  const serverTime = Date.parse(response.headers.get("date") ?? "");
  return { answer: answer.data, clockAhead: Number.isNaN(serverTime) ? 0 : Date.now() - serverTime };
}
