/**
 * Every route × every role × another organisation's data: a caller never reads, learns the
 * existence of, or changes an organisation it is not partnered with. Routes come from the app's
 * own OpenAPI document, so a new route is in the matrix as soon as it is registered.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../testing/database";
import { testApp } from "../testing/fixtures";
import { loadApiSurface, type Operation } from "./support/api-surface";
import { type Callers, ROLES, signInEveryRole } from "./support/callers";
import { dataFingerprint } from "./support/data-fingerprint";
import { errorContractViolations } from "./support/error-contract";
import { foreignIds, missingForeignObjects } from "./support/foreign-objects";
import { assemble, describeRequest, minimalParts, validRequest } from "./support/requests";
import { responseContractViolations } from "./support/response-contract";
import { buildTenantWorld, leakedMarkers, type TenantWorld } from "./support/tenant-world";
import { validValue } from "./support/valid-values";

const database = await openTestDatabase();
const client = testApp(database);
const { document, operations } = await loadApiSurface(client.app);
afterAll(() => database.close());

const signedIn = operations.filter((operation) => operation.secured);
const byId = signedIn.filter((operation) => operation.pathParams.length > 0);
const collections = signedIn.filter((operation) => operation.pathParams.length === 0);
/** Well-formed requests per route and role, with and without references to the foreign tenant. */
const GENERATED_REQUESTS = 3;

let world: TenantWorld;
let callers: Callers;
let foreignOrgIds: string[];
let foreignDataBefore: Record<string, string>;

beforeAll(async () => {
  world = await buildTenantWorld(database);
  callers = await signInEveryRole(client, world.home.users);
  foreignOrgIds = [world.foreign.org.id, world.foreign.partner.org.id];
  foreignDataBefore = await dataFingerprint(database, foreignOrgIds);
});

/** Path values that exist nowhere: what a caller asking for a foreign object must not be able to tell apart. */
function missingIds(operation: Operation): Record<string, string> {
  return Object.fromEntries(
    operation.pathParams.map((param) => {
      const value =
        param.schema.format === "uuid"
          ? randomUUID()
          : fc.sample(validValue(document, param.schema, { optional: false }), 1)[0];
      return [param.name, String(value)];
    }),
  );
}

it("has a foreign object to ask for for every kind of path parameter", () => {
  expect(missingForeignObjects(operations)).toEqual([]);
});

describe.each(byId)("$name", (operation) => {
  it.each(ROLES)("denies a %s another organisation's object exactly as a missing one", async (role) => {
    const parts = minimalParts(document, operation);
    const foreignRequest = assemble(operation, { ...parts, path: foreignIds(world, operation) });
    const missingRequest = assemble(operation, { ...parts, path: missingIds(operation) });
    const foreign = await callers.send(role, foreignRequest);
    const missing = await callers.send(role, missingRequest);

    const context = `${describeRequest(foreignRequest)} → ${foreign.status} ${foreign.text.slice(0, 300)}`;
    expect(
      [403, 404],
      `${context} (a 400 means the generated body is invalid: give the body schema an example with .meta({ example }))`,
    ).toContain(foreign.status);
    expect({ status: foreign.status, code: codeOf(foreign.json) }, context).toEqual({
      status: missing.status,
      code: codeOf(missing.json),
    });
    expect(leakedMarkers(world, foreignRequest, foreign), context).toEqual([]);
    expect(errorContractViolations(document, operation, foreign), context).toEqual([]);
    expect(responseContractViolations(client.app, operation, foreign), context).toEqual([]);
  });
});

describe.each(collections)("$name", (operation) => {
  it.each(ROLES)("shows a %s nothing of another organisation, even when asked for it", async (role) => {
    const requests = [
      assemble(operation, minimalParts(document, operation)),
      ...fc.sample(validRequest(document, operation, { optional: true }), GENERATED_REQUESTS),
      ...fc.sample(
        validRequest(document, operation, { optional: true, pools: world.pools }),
        GENERATED_REQUESTS,
      ),
    ];
    const problems: string[] = [];
    for (const request of requests) {
      const answer = await callers.send(role, request);
      const found = [
        ...(answer.status === 401 ? ["refused a valid token"] : []),
        ...leakedMarkers(world, request, answer).map((marker) => `leaked "${marker}"`),
        ...errorContractViolations(document, operation, answer),
        ...responseContractViolations(client.app, operation, answer),
      ];
      if (found.length > 0)
        problems.push(`${describeRequest(request)} → ${answer.status}: ${found.join("; ")}`);
    }
    expect(problems).toEqual([]);
  });
});

it("left the other organisations' data untouched", async () => {
  expect(await dataFingerprint(database, foreignOrgIds)).toEqual(foreignDataBefore);
});

const codeOf = (json: unknown) => (json as { error?: { code?: string } } | null)?.error?.code;
