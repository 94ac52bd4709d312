/**
 * PostgreSQL cannot store U+0000 in text or jsonb, nor half of a UTF-16 surrogate pair in jsonb, so
 * such text anywhere in a request must be refused as a 400 that names the field, not reach the
 * database and fail as a 500. Every string place of every operation is tried: query and path
 * parameters and the string fields of the body. Half a surrogate pair is tried in the body only: a
 * URL cannot carry one (it is sent as U+FFFD, which is valid).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../testing/database";
import { createTestOrg, testApp } from "../testing/fixtures";
import { isJsonMedia, loadApiSurface, type Operation } from "./support/api-surface";
import { type Callers, signInEveryRole } from "./support/callers";
import { label, type Path, pathsOf, setAt, valueAt } from "./support/json-paths";
import { assemble, describeRequest, minimalParts, type RequestParts, requestParts } from "./support/requests";

const database = await openTestDatabase();
const client = testApp(database);
const { document, operations } = await loadApiSurface(client.app);
afterAll(() => database.close());

let callers: Callers;
beforeAll(async () => {
  const { users } = await createTestOrg(database, "NUL");
  callers = await signInEveryRole(client, users);
});

interface Place {
  field: string;
  parts: RequestParts;
}

const withNul = (value: string) => `${value}\u0000x`;
const withHalfASurrogatePair = (value: string) => `${value}\ud800x`;

function placesOf(operation: Operation, corrupt: (value: string) => string = withNul): Place[] {
  const plain = minimalParts(document, operation);
  const full = fc.sample(requestParts(document, operation, { optional: true }), { numRuns: 1, seed: 7 })[0]!;
  const query = operation.queryParams.map(
    (param): Place => ({
      field: `query.${param.name}`,
      parts: {
        ...plain,
        query: [...plain.query.filter(([key]) => key !== param.name), [param.name, withNul("a")]],
      },
    }),
  );
  const path = operation.pathParams.map((param) => ({
    field: `param.${param.name}`,
    parts: { ...plain, path: { ...plain.path, [param.name]: withNul(plain.path[param.name]!) } },
  }));
  const jsonBody = operation.body && isJsonMedia(operation.body.mediaType);
  const body = jsonBody
    ? pathsOf(full.body)
        .filter((at): at is Path => typeof valueAt(full.body, at) === "string")
        .map((at) => ({
          field: at.length === 0 ? "(body)" : label(at),
          parts: { ...full, body: setAt(full.body, at, corrupt(valueAt(full.body, at) as string)) },
        }))
    : [];
  return [...query, ...path, ...body];
}

const testable = operations.filter((operation) => placesOf(operation).length > 0);

const bodyPlaces = (operation: Operation) =>
  placesOf(operation, withHalfASurrogatePair).filter((place) => !/^(query|param)\./.test(place.field));

describe.each(testable)("$name", (operation) => {
  it("refuses a NUL character in each string input with a 400 naming it", async () => {
    expect(await wronglyAnswered(placesOf(operation))).toEqual([]);
  });

  it.skipIf(bodyPlaces(operation).length === 0)(
    "refuses half a surrogate pair in each string of the body with a 400 naming it",
    async () => {
      expect(await wronglyAnswered(bodyPlaces(operation))).toEqual([]);
    },
  );

  /** The places whose request was not answered 400 with that place named among the details. */
  async function wronglyAnswered(places: readonly Place[]): Promise<string[]> {
    const problems: string[] = [];
    for (const place of places) {
      const request = assemble(operation, place.parts);
      const answer = await callers.send("admin", request);
      const fields = (
        (answer.json as { error?: { details?: { field: string }[] } })?.error?.details ?? []
      ).map((detail) => detail.field);
      const names = [place.field, place.field.replace(/^(query|param)\./, "")];
      const named = fields.some((field) =>
        names.some((name) => field === name || field.startsWith(`${name}.`)),
      );
      if (answer.status !== 400 || !named) {
        problems.push(
          `${place.field}: ${describeRequest(request)} → ${answer.status} ${answer.text.slice(0, 200)}`,
        );
      }
    }
    return problems;
  }
});
