import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/database";
import { createTestOrg, signInAs, testApp } from "../testing/fixtures";

const database = useTestDatabase();

describe("a page size that is not one", () => {
  it.each([
    ["/v1/audit", 500],
    ["/v1/sync", 5000],
    ["/v1/overlaps", 1000],
  ])("is refused on %s with a message that says what it must be", async (path, max) => {
    const client = testApp(database);
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.admin.email);
    for (const limit of ["ten", "10&limit=20", "", "2.5", "0", String(max + 1)]) {
      const answer = await client.request("GET", `${path}?limit=${limit}`, { token });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        error: {
          code: "invalid_request",
          message: "The request is not valid.",
          details: [
            { field: "query.limit", message: `Must be a whole number from 1 to ${max}, given once.` },
          ],
        },
      });
    }
  });
});
