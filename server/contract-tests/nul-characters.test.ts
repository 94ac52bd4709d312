/**
 * PostgreSQL cannot store U+0000 in text or jsonb, so a NUL character anywhere in a request must be
 * refused as a 400 that names the field, not reach the database and fail as a 500. Every string
 * place of every operation is tried: query and path parameters and the string fields of the body.
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

function placesOf(operation: Operation): Place[] {
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
          parts: { ...full, body: setAt(full.body, at, withNul(valueAt(full.body, at) as string)) },
        }))
    : [];
  return [...query, ...path, ...body];
}

const testable = operations.filter((operation) => placesOf(operation).length > 0);

describe.each(testable)("$name", (operation) => {
  it("refuses a NUL character in each string input with a 400 naming it", async () => {
    const problems: string[] = [];
    for (const place of placesOf(operation)) {
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
    expect(problems).toEqual([]);
  });
});
