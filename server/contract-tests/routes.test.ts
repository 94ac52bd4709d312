/**
 * Every route the app serves is documented, and every route but the public ones turns away a
 * caller without a valid token. The route list comes from the app, so new routes are covered
 * without touching this file.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../testing/database";
import { createTestOrg, signInAs, testApp } from "../testing/fixtures";
import { DOCUMENTATION_ROUTES, loadApiSurface, PUBLIC_ROUTES } from "./support/api-surface";
import { errorContractViolations } from "./support/error-contract";
import { send } from "./support/requests";

// The route list is needed while tests are being collected, so the app is built up front.
const database = await openTestDatabase();
const client = testApp(database);
const surface = await loadApiSurface(client.app);
afterAll(() => database.close());

const documented = new Set(surface.operations.map((operation) => operation.name));
const concrete = (route: string) => {
  const [method, path] = route.split(" ") as [string, string];
  return { method, url: path.replace(/\{\w+\}/g, () => randomUUID()), headers: {} };
};

describe("route discovery", () => {
  it("finds the operations every version of the API has", () => {
    expect([...documented]).toEqual(
      expect.arrayContaining([
        "GET /healthz",
        "POST /v1/auth/sign-in",
        "POST /v1/auth/sign-out",
        "GET /v1/me",
      ]),
    );
  });

  it("documents every route the app serves", () => {
    const undocumented = surface.servedRoutes.filter(
      (route) => !documented.has(route) && !DOCUMENTATION_ROUTES.includes(route),
    );
    expect(
      undocumented,
      "register routes with router.openapi(createRoute(...)) so they are documented",
    ).toEqual([]);
  });

  it("serves every documented operation and every public route", () => {
    const served = new Set(surface.servedRoutes);
    expect([...documented, ...PUBLIC_ROUTES].filter((route) => !served.has(route))).toEqual([]);
  });

  it("documents exactly the non-public operations as needing a bearer token", () => {
    const documentedPublic = surface.operations.filter((operation) => !operation.secured).map((o) => o.name);
    expect(documentedPublic.sort()).toEqual(PUBLIC_ROUTES.filter((route) => documented.has(route)).sort());
  });
});

describe("authentication", () => {
  const badTokens: Record<string, string> = {
    "no token": "",
    "a malformed token": "Bearer not-a-token",
    "an unknown token": `Bearer csl_${randomBytes(32).toString("base64url")}`,
  };
  beforeAll(async () => {
    const { users } = await createTestOrg(database, "Signed out");
    const revoked = await signInAs(client, users.rep.email);
    const signOut = await send(
      client.app,
      { method: "POST", url: "/v1/auth/sign-out", headers: {} },
      { token: revoked },
    );
    expect(signOut.status).toBe(204);
    badTokens["a revoked token"] = `Bearer ${revoked}`;
  });

  const publicRoutes = surface.servedRoutes.filter((route) => PUBLIC_ROUTES.includes(route));
  const signedInRoutes = surface.servedRoutes.filter((route) => !PUBLIC_ROUTES.includes(route));

  it.each(publicRoutes)("%s answers without a token", async (route) => {
    const answer = await send(client.app, concrete(route));
    expect(answer.status).not.toBe(401);
    expect(answer.status).toBeLessThan(500);
  });

  it.each(signedInRoutes)("%s answers 401 to a caller without a valid token", async (route) => {
    for (const [what, authorization] of Object.entries(badTokens)) {
      const request = concrete(route);
      const answer = await send(client.app, { ...request, headers: authorization ? { authorization } : {} });
      expect(answer.status, `with ${what}`).toBe(401);
      expect(answer.json, `with ${what}`).toMatchObject({ error: { code: "unauthenticated" } });
      expect(answer.headers.get("www-authenticate"), `with ${what}`).toBe("Bearer");
      expect(errorContractViolations(surface.document, undefined, answer), `with ${what}`).toEqual([]);
    }
  });
});
