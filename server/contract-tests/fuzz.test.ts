/**
 * Property-based fuzzing of every operation with malformed input derived from its OpenAPI
 * description. Whatever arrives, the answer is never a 5xx, every 4xx has the error shape, every
 * 400 names real fields, and input that is certainly invalid is rejected.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reserveAttempt, SIGN_IN_LIMITS } from "../auth/rate-limit";
import { openTestDatabase } from "../testing/database";
import { createTestOrg, testApp } from "../testing/fixtures";
import { hasInputs, loadApiSurface, type Operation } from "./support/api-surface";
import { type Callers, ROLES, signInEveryRole } from "./support/callers";
import { errorContractViolations } from "./support/error-contract";
import { type MalformedRequest, malformedRequests } from "./support/malformed-requests";
import { type ApiResponse, describeRequest } from "./support/requests";

const database = await openTestDatabase();
const client = testApp(database);
const { document, operations } = await loadApiSurface(client.app);
afterAll(() => database.close());

/** The whole run sends at least this many malformed requests, however many routes there are. */
const TOTAL_REQUESTS = 10_000;
/** Routes that take no input can only get unexpected extras; a few runs cover those. */
const RUNS_WITHOUT_INPUTS = 25;
const RUNS_FOR_UNKNOWN_PATHS = 200;
/** Generous: several test runs share this machine's two cores. */
const FUZZ_TIMEOUT_MS = 10 * 60_000;

const withInputs = operations.filter(hasInputs);
const runsPerOperation = Math.ceil(
  (TOTAL_REQUESTS - RUNS_FOR_UNKNOWN_PATHS - RUNS_WITHOUT_INPUTS * (operations.length - withInputs.length)) /
    Math.max(withInputs.length, 1),
);
const runsFor = (operation: Operation) => (hasInputs(operation) ? runsPerOperation : RUNS_WITHOUT_INPUTS);

// Sign-in failures are rate-limited per client address. Fuzzing from an address of its own keeps
// the limit it trips away from every other test's sign-ins; starting that address a few failures
// short of the limit still reaches both the 401 and the 429 while sparing dozens of deliberately
// slow password checks.
const clientAddress = `fuzz-${randomUUID()}`;
const FAILURES_BEFORE_LIMIT = 5;
let callers: Callers;
let sent = 0;

beforeAll(async () => {
  const { users } = await createTestOrg(database, "Fuzzed");
  callers = await signInEveryRole(client, users);
  for (let i = 0; i < SIGN_IN_LIMITS.perIp - FAILURES_BEFORE_LIMIT; i++) {
    await reserveAttempt(database.db, `earlier-${i}-${clientAddress}@fuzz.test`, clientAddress, new Date());
  }
});

function problemsWith(
  operation: Operation | undefined,
  request: MalformedRequest,
  answer: ApiResponse,
): string[] {
  const problems = errorContractViolations(document, operation, answer);
  if (request.expect === "rejected" && answer.status < 400)
    problems.push(`accepted it with ${answer.status}`);
  if (request.expect === "unauthenticated" && answer.status !== 401)
    problems.push(`answered ${answer.status}, not 401`);
  return problems;
}

const report = (request: MalformedRequest, answer: ApiResponse, problems: string[]) =>
  `${request.kind}: ${describeRequest(request)} → ${answer.status}: ${problems.join("; ")}`;

describe.each(operations)("$name", (operation) => {
  it(
    `answers ${runsFor(operation)} malformed requests without a 5xx, in the error shape`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          malformedRequests(document, operation),
          fc.constantFrom(...ROLES),
          async (request, role) => {
            sent++;
            const answer = await callers.send(role, request, {
              authorization: request.authorization,
              clientAddress,
            });
            const problems = problemsWith(operation, request, answer);
            if (problems.length > 0) throw new Error(report(request, answer, problems));
          },
        ),
        { numRuns: runsFor(operation) },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe("paths that are no route", () => {
  const unknownRequests = fc
    .tuple(fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE"), fc.constantFrom("", "/v1"), fc.webPath())
    .map(
      ([method, prefix, path]): MalformedRequest => ({
        kind: "unknown path",
        expect: "rejected",
        method,
        url: `${prefix}/${path.replace(/^\/+/, "")}`,
        headers: {},
      }),
    )
    .filter((request) => !operations.some((operation) => matches(operation, request)));

  it(
    `answer ${RUNS_FOR_UNKNOWN_PATHS} random requests with a 4xx in the error shape`,
    async () => {
      await fc.assert(
        fc.asyncProperty(unknownRequests, fc.constantFrom(...ROLES), async (request, role) => {
          sent++;
          const answer = await callers.send(role, request, { clientAddress });
          const problems = problemsWith(undefined, request, answer);
          if (problems.length > 0) throw new Error(report(request, answer, problems));
        }),
        { numRuns: RUNS_FOR_UNKNOWN_PATHS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

function matches(operation: Operation, request: MalformedRequest): boolean {
  const pattern = new RegExp(`^${operation.path.replace(/\{\w+\}/g, "[^/]+")}/?(\\?|$)`);
  return operation.method === request.method && pattern.test(request.url);
}

it(`sent at least ${TOTAL_REQUESTS} malformed requests`, () => {
  console.info(`fuzz: ${sent} malformed requests over ${operations.length} operations`);
  expect(sent).toBeGreaterThanOrEqual(TOTAL_REQUESTS);
});
