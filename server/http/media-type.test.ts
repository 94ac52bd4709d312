import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/database";
import { createTestOrg, signInAs, testApp } from "../testing/fixtures";

const database = useTestDatabase();

describe("a JSON body sent as something else", () => {
  it("is refused with a 415 that says what to send", async () => {
    const client = testApp(database);
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.rep.email);
    const sent = [
      client.request("POST", "/v1/auth/sign-in", {
        body: JSON.stringify({ email: users.rep.email, password: "whatever it is" }),
        headers: { "content-type": "text/plain" },
      }),
      // A form, as an HTML form or `curl -d` sends it.
      client.request("PUT", "/v1/me/settings", {
        token,
        body: "sidebarCollapsed=true",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
    ];
    for (const answer of await Promise.all(sent)) {
      expect(answer.status).toBe(415);
      expect(answer.body).toEqual({
        error: {
          code: "unsupported_media_type",
          message: "Send the body as JSON, with Content-Type: application/json.",
          details: [
            { field: "(body)", message: "Send the body as JSON, with Content-Type: application/json." },
          ],
        },
      });
    }
  });
});
