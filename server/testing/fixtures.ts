/** Builders for server tests: an app on the shared test database and organisations with users. */
import { randomUUID } from "node:crypto";
import type { Role } from "../../src/contract/auth";
import { createOrg, createUser } from "../admin/organisations";
import { createApp } from "../app";
import type { Database } from "../db/client";

export const PASSWORD = "a long test password";

export function testApp(
  database: Database,
  options: { now?: () => Date; tokenTtlHours?: number; trustedProxies?: number } = {},
) {
  const app = createApp({
    database,
    tokenTtlHours: options.tokenTtlHours ?? 24,
    now: options.now,
    trustedProxies: options.trustedProxies,
  });
  return {
    app,
    async request(
      method: string,
      path: string,
      init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
    ) {
      const response = await app.request(path, {
        method,
        headers: {
          ...(init.body === undefined ? {} : { "content-type": "application/json" }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...init.headers,
        },
        body:
          init.body === undefined
            ? undefined
            : typeof init.body === "string"
              ? init.body
              : JSON.stringify(init.body),
      });
      const text = await response.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = text;
      }
      return { status: response.status, headers: response.headers, body: json as Record<string, unknown> };
    },
  };
}

export type TestApp = ReturnType<typeof testApp>;

/** A fresh organisation with one user per role; slugs are random so test files never collide. */
export async function createTestOrg(database: Database, name = "Test Org") {
  const slug = `t-${randomUUID().slice(0, 8)}`;
  const org = await createOrg(database.db, { slug, name });
  const users = {} as Record<Role, { id: string; email: string }>;
  for (const role of ["rep", "partner_rep", "manager", "admin"] as const) {
    const email = `${role}@${slug}.test`;
    const user = await createUser(database.db, {
      email,
      orgSlug: slug,
      role,
      password: PASSWORD,
      name: `${role} of ${name}`,
    });
    users[role] = { id: user.id, email };
  }
  return { org, slug, users };
}

export async function signInAs(client: TestApp, email: string): Promise<string> {
  const response = await client.request("POST", "/v1/auth/sign-in", { body: { email, password: PASSWORD } });
  if (response.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
  return (response.body as { token: string }).token;
}

/** A customer account named after its CRM id, with one website: enough for matching by domain. */
export const customerAccount = (crmId: string, website: string) => ({
  crmId,
  name: crmId,
  websites: [website],
  relationship: "customer" as const,
});
