import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/database";
import { createTestOrg, signInAs, testApp } from "../testing/fixtures";

const database = useTestDatabase();

describe("a method an endpoint does not take", () => {
  it("is answered 405 with the methods it takes, where a path that is no endpoint stays a 404", async () => {
    const client = testApp(database);
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.admin.email);
    const id = "7b0e4a52-2c1d-4f3e-9a8b-5c6d7e8f9a0b";

    const patch = await client.request("PATCH", `/v1/partnerships/${id}/sharing`, { token, body: {} });
    expect(patch.status).toBe(405);
    expect(patch.headers.get("allow")).toBe("GET, PUT");
    expect(patch.body).toEqual({
      error: { code: "method_not_allowed", message: "This endpoint takes GET or PUT, not PATCH." },
    });

    const remove = await client.request("DELETE", "/v1/me", { token });
    expect(remove).toMatchObject({
      status: 405,
      body: { error: { code: "method_not_allowed", message: "This endpoint takes GET, not DELETE." } },
    });
    expect(remove.headers.get("allow")).toBe("GET");

    const nowhere = await client.request("GET", "/v1/nowhere", { token });
    expect(nowhere).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });
});
