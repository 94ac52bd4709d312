/** One signed-in caller per role, reused across requests and signed in again only when needed. */
import type { Role } from "../../../src/contract/auth";
import { signInAs, type TestApp } from "../../testing/fixtures";
import { type ApiRequest, type ApiResponse, send } from "./requests";

export const ROLES: Role[] = ["rep", "partner_rep", "manager", "admin"];

export interface Callers {
  send(
    role: Role,
    request: ApiRequest,
    options?: { authorization?: string; clientAddress?: string },
  ): Promise<ApiResponse>;
}

export async function signInEveryRole(
  client: TestApp,
  users: Record<Role, { email: string }>,
): Promise<Callers> {
  const tokens = new Map<Role, string>();
  for (const role of ROLES) tokens.set(role, await signInAs(client, users[role].email));

  return {
    async send(role, request, options = {}) {
      if (options.authorization !== undefined) {
        const headers = { ...request.headers, authorization: options.authorization };
        return send(client.app, { ...request, headers }, options);
      }
      const answer = await send(client.app, request, { ...options, token: tokens.get(role) });
      if (answer.status !== 401) return answer;
      // An earlier request may have been a sign-out; a fresh token tells that apart from a route
      // that refuses a valid one.
      tokens.set(role, await signInAs(client, users[role].email));
      return send(client.app, request, { ...options, token: tokens.get(role) });
    },
  };
}
