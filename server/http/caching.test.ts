import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/database";
import { createTestOrg, PASSWORD, testApp } from "../testing/fixtures";

const database = useTestDatabase();

describe("API responses", () => {
  it("are never stored by a browser or proxy cache: the token, customer data and errors alike", async () => {
    const client = testApp(database);
    const { users } = await createTestOrg(database);
    const signIn = await client.request("POST", "/v1/auth/sign-in", {
      body: { email: users.rep.email, password: PASSWORD },
    });
    const token = signIn.body.token as string;
    const answers = [
      signIn,
      await client.request("GET", "/v1/me", { token }),
      await client.request("GET", "/v1/sync", { token }),
      await client.request("GET", "/v1/accounts/partners?crmId=001Dn00000AbCdE", { token }),
      await client.request("GET", "/v1/overlaps", { token }),
      await client.request("GET", "/v1/me"),
      await client.request("GET", "/v1/accounts/partners", { token }),
      await client.request("GET", "/v1/no-such-endpoint", { token }),
      await client.request("DELETE", "/v1/me", { token }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 401, 400, 404, 405]);
    for (const answer of answers) expect(answer.headers.get("cache-control")).toBe("no-store");
  });
});
