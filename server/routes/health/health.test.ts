import { describe, expect, it, vi } from "vitest";
import type { Database } from "../../db/client";
import { useTestDatabase } from "../../testing/database";
import { testApp } from "../../testing/fixtures";

const database = useTestDatabase();

describe("GET /healthz", () => {
  it("answers 200 with the kind of database", async () => {
    const answer = await testApp(database).request("GET", "/healthz");
    expect(answer).toMatchObject({ status: 200, body: { ok: true, database: database.kind } });
  });

  it("answers 503, saying the database does not answer, when it does not, without its error's details", async () => {
    const failure = new Error("connect ECONNREFUSED 10.20.30.40:5432 (user cosell_owner)");
    const unreachable: Database = {
      kind: database.kind,
      transaction: (setup, work) => database.transaction(setup, work),
      close: () => database.close(),
      db: new Proxy(database.db, {
        get: (target, key) => (key === "execute" ? () => Promise.reject(failure) : Reflect.get(target, key)),
      }),
    };
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const answer = await testApp(unreachable).request("GET", "/healthz");
      expect(answer).toMatchObject({
        status: 503,
        body: {
          error: { code: "unavailable", message: "The server runs, but its database does not answer." },
        },
      });
      expect(JSON.stringify(answer.body)).not.toContain("10.20.30.40");
      // The operator finds the cause in the server's log.
      expect(logged).toHaveBeenCalledWith(expect.any(String), failure);
    } finally {
      logged.mockRestore();
    }
  });
});
