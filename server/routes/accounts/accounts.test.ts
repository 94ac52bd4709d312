import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { rows } from "../../db/client";
import { handleError } from "../../http/errors";
import { useTestDatabase } from "../../testing/database";
import { createTestOrg, signInAs, type TestApp, testApp } from "../../testing/fixtures";
import { importFixture } from "../partnerships/scenario.fixtures";
import { csvBody } from "./csv-body";

const database = useTestDatabase();
let client: TestApp;
beforeAll(() => {
  client = testApp(database);
});

async function orgWithTokens() {
  const org = await createTestOrg(database);
  return {
    ...org,
    admin: await signInAs(client, org.users.admin.email),
    rep: await signInAs(client, org.users.rep.email),
  };
}

const postCsv = (token: string, body: string, headers: Record<string, string> = {}, query = "") =>
  client.request("POST", `/v1/accounts/import${query}`, {
    token,
    body,
    headers: { "content-type": "text/csv", ...headers },
  });

describe("POST /v1/accounts/import", () => {
  it("imports a Salesforce export and reports its bad rows by line", async () => {
    const org = await orgWithTokens();
    const response = await importFixture(client, org.admin, "salesforce-accounts.csv");
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      status: "applied",
      rowsOk: 24,
      rowsFailed: 6,
      inserted: 23,
      updated: 0,
      unchanged: 0,
      duplicates: 1,
    });
    expect(response.body.errors).toContainEqual({ line: 14, reason: 'missing crmId ("Account ID")' });
    expect(response.body.errors).toContainEqual({
      line: 16,
      reason: 'ownerEmail ("Account Owner Email"): invalid email address "m.okafor@"',
    });

    const again = await importFixture(client, org.admin, "salesforce-accounts.csv");
    expect(again.body).toMatchObject({ inserted: 0, updated: 0, unchanged: 23 });
  });

  it("reads an export with unknown columns through `map`", async () => {
    const org = await orgWithTokens();
    const map = [
      "Cust #=crmId",
      "Company=name",
      "Web=website",
      "Status=relationship",
      "Rep E-mail=ownerEmail",
    ]
      .map((pair) => `map=${encodeURIComponent(pair)}`)
      .join("&");
    const response = await importFixture(
      client,
      org.admin,
      "custom-columns.csv",
      `?${map}&defaultRelationship=customer`,
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ rowsOk: 7, rowsFailed: 1, inserted: 7 });
    const [quillfeather] = await rows<{ websites: string[]; relationship: string }>(
      database.db,
      sql`select websites, relationship from accounts where org_id = ${org.org.id} and crm_id = 'C-1002'`,
    );
    expect(quillfeather).toEqual({
      websites: ["quillfeather.de", "quillfeather.at"],
      relationship: "customer",
    });
  });

  it("names the column mapping when it is what is wrong, and refuses an unknown field before reading", async () => {
    const org = await orgWithTokens();
    const file = "Cust #,Company\nC-1,Acme\n";
    const unknownField = await postCsv(
      org.admin,
      file,
      {},
      `?map=${encodeURIComponent("Cust #=customerId")}`,
    );
    expect(unknownField.status).toBe(400);
    expect(unknownField.body).toMatchObject({
      error: { details: [{ field: "map", message: expect.stringMatching(/unknown field "customerId"/) }] },
    });
    expect(await rows(database.db, sql`select 1 from import_runs where org_id = ${org.org.id}`)).toHaveLength(
      0,
    );

    const missingHeader = await postCsv(org.admin, file, {}, `?map=${encodeURIComponent("Account=crmId")}`);
    expect(missingHeader.status).toBe(400);
    expect(missingHeader.body).toMatchObject({
      error: {
        details: [{ field: "map", message: expect.stringMatching(/"Account", which is not in the file/) }],
      },
    });
  });

  it("lists the relationship values it didn't recognise, and reads them when told", async () => {
    const org = await orgWithTokens();
    const file =
      "Account ID,Account Name,Type\n1,Kessler AG,Kunde\n2,Lindqvist AB,Kunde\n3,Moreau SA,Customer\n";
    const relationships = async () =>
      rows<{ relationship: string }>(
        database.db,
        sql`select relationship from accounts where org_id = ${org.org.id} order by crm_id`,
      );

    const first = await postCsv(org.admin, file, {}, "?defaultRelationship=opportunity");
    expect(first.status).toBe(201);
    const expected = {
      rows: 2,
      importedAs: "opportunity",
      values: [{ value: "Kunde", rows: 2 }],
    };
    expect(first.body).toMatchObject({ rowsOk: 3, inserted: 3, unrecognisedRelationships: expected });
    expect(await relationships()).toEqual([
      { relationship: "opportunity" },
      { relationship: "opportunity" },
      { relationship: "customer" },
    ]);
    // The run keeps what it found, for whoever looks at it later.
    const run = await client.request("GET", `/v1/imports/${first.body.id}`, { token: org.admin });
    expect(run.body).toMatchObject({ unrecognisedRelationships: expected });

    const told = await postCsv(
      org.admin,
      file,
      {},
      `?relationshipValue=${encodeURIComponent("Kunde=customer")}`,
    );
    expect(told.body).toMatchObject({ updated: 2, unchanged: 1, unrecognisedRelationships: null });
    expect(await relationships()).toEqual([
      { relationship: "customer" },
      { relationship: "customer" },
      { relationship: "customer" },
    ]);
  });

  it("refuses a relationship value it can't read before reading the file, naming the parameter", async () => {
    const org = await orgWithTokens();
    const response = await postCsv(
      org.admin,
      "Account ID,Account Name,Type\n1,Acme,Kunde\n",
      {},
      `?relationshipValue=${encodeURIComponent("Kunde=client")}`,
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: {
        details: [{ field: "relationshipValue", message: expect.stringMatching(/must be one of customer/) }],
      },
    });
    expect(await rows(database.db, sql`select 1 from import_runs where org_id = ${org.org.id}`)).toHaveLength(
      0,
    );
  });

  it("reads day-first dates when told the export's order", async () => {
    const org = await orgWithTokens();
    const file = "Account ID,Account Name,Type,Last Modified Date\n1,Acme,Customer,03/04/2024\n";
    const imported = async (query: string) => {
      expect((await postCsv(org.admin, file, {}, query)).status).toBe(201);
      const [acme] = await rows<{ updated: string }>(
        database.db,
        sql`select to_char(crm_updated_at at time zone 'UTC', 'YYYY-MM-DD') as updated from accounts
            where org_id = ${org.org.id}`,
      );
      return acme!.updated;
    };
    expect(await imported("")).toBe("2024-03-04");
    expect(await imported("?dateOrder=dmy")).toBe("2024-04-03");
  });

  it("is for admins only", async () => {
    const org = await orgWithTokens();
    const response = await postCsv(org.rep, "Account ID,Account Name,Type\n1,Acme,Customer\n");
    expect(response.status).toBe(403);
    expect(await rows(database.db, sql`select 1 from import_runs where org_id = ${org.org.id}`)).toHaveLength(
      0,
    );
  });

  it("answers 400 for a file it cannot read, and records the failed run", async () => {
    const org = await orgWithTokens();
    const response = await postCsv(org.admin, 'Account ID,Account Name,Type\n1,"Acme,Customer\n');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: { code: "invalid_csv", message: expect.stringMatching(/never closed/) },
    });
    const [run] = await rows<{ id: string }>(
      database.db,
      sql`select id from import_runs where org_id = ${org.org.id}`,
    );
    const read = await client.request("GET", `/v1/imports/${run!.id}`, { token: org.admin });
    expect(read.body).toMatchObject({ status: "failed", failure: expect.stringMatching(/never closed/) });
  });

  it("answers 400, not 500, for a file in another encoding or with U+0000 in a header, and records why", async () => {
    const org = await orgWithTokens();
    const files: [Buffer, RegExp][] = [
      [
        Buffer.from("Account ID,Account Name,Type\n1,Société,Customer\n", "latin1"),
        /^Line 2: .* not valid UTF-8/,
      ],
      [
        Buffer.from("Account ID,Account Name,Type\n1,Acme,Customer\n", "utf16le"),
        /UTF-16 without a byte order/,
      ],
      [
        Buffer.from("Account ID\u0000,Account Name,Type\n1,Acme,Customer\n"),
        /^Line 1: a header holds the NUL/,
      ],
    ];
    for (const [body, message] of files) {
      const response = await client.app.request("/v1/accounts/import", {
        method: "POST",
        headers: { authorization: `Bearer ${org.admin}`, "content-type": "text/csv" },
        body: new Uint8Array(body),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { code: "invalid_csv", message: expect.stringMatching(message) },
      });
    }
    const runs = await rows<{ status: string }>(
      database.db,
      sql`select status from import_runs where org_id = ${org.org.id}`,
    );
    expect(runs).toEqual(files.map(() => ({ status: "failed" })));
    expect(await rows(database.db, sql`select 1 from accounts where org_id = ${org.org.id}`)).toHaveLength(0);
  });

  it("answers 400 for a malformed column mapping, 415 for a body that is not CSV, and 413 for one too large", async () => {
    const org = await orgWithTokens();
    const badMap = await client.request("POST", "/v1/accounts/import?map=nonsense", {
      token: org.admin,
      body: "a,b\n",
      headers: { "content-type": "text/csv" },
    });
    expect(badMap.status).toBe(400);
    expect(badMap.body).toMatchObject({ error: { details: [{ field: "map" }] } });

    const json = await client.request("POST", "/v1/accounts/import", {
      token: org.admin,
      body: { accounts: [] },
    });
    expect(json.status).toBe(415);
    const huge = await postCsv(org.admin, "Account ID\n", { "content-length": String(500 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });
});

describe("csvBody", () => {
  const app = new Hono().onError(handleError).post("/", async (c) => {
    let bytes = 0;
    for await (const chunk of csvBody(c, 10)) bytes += chunk.length;
    return c.json({ bytes });
  });
  const chunked = (...parts: string[]) =>
    new ReadableStream({
      start(controller) {
        for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
        controller.close();
      },
    });
  const post = (body: ReadableStream) =>
    app.request("/", {
      method: "POST",
      body,
      headers: { "content-type": "text/csv" },
      duplex: "half",
    } as RequestInit);

  it("stops a chunked body that grows past the limit as it streams", async () => {
    expect((await post(chunked("12345", "67890"))).status).toBe(200);
    const tooLong = await post(chunked("12345", "67890", "1"));
    expect(tooLong.status).toBe(413);
  });
});

describe("GET /v1/imports/{id}", () => {
  it("shows an organisation's own imports to its admins only", async () => {
    const org = await orgWithTokens();
    const other = await orgWithTokens();
    const { body } = await importFixture(client, org.admin, "hubspot-companies.csv");
    const read = await client.request("GET", `/v1/imports/${body.id}`, { token: org.admin });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(body);
    expect((await client.request("GET", `/v1/imports/${body.id}`, { token: org.rep })).status).toBe(403);
    expect((await client.request("GET", `/v1/imports/${body.id}`, { token: other.admin })).status).toBe(404);
  });
});

describe("POST /v1/accounts", () => {
  const acme = { crmId: "A-1", name: "Acme", websites: ["acme.com"], relationship: "customer" };

  it("upserts a batch and reports what changed", async () => {
    const org = await orgWithTokens();
    const first = await client.request("POST", "/v1/accounts", {
      token: org.admin,
      body: { accounts: [acme, { ...acme, crmId: "A-2", name: "Globex" }] },
    });
    expect(first).toMatchObject({ status: 200, body: { inserted: 2, updated: 0, unchanged: 0 } });
    const second = await client.request("POST", "/v1/accounts", {
      token: org.admin,
      body: { accounts: [acme, { ...acme, crmId: "A-2", name: "Globex Inc" }] },
    });
    expect(second.body).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
  });

  it("rejects the whole batch when an account is invalid, naming its index and field", async () => {
    const org = await orgWithTokens();
    const response = await client.request("POST", "/v1/accounts", {
      token: org.admin,
      body: { accounts: [acme, { ...acme, relationship: "friend" }, { ...acme, ownerEmail: "nope" }] },
    });
    expect(response.status).toBe(400);
    const fields = (response.body.error as { details: { field: string }[] }).details.map((d) => d.field);
    expect(fields).toEqual(["accounts.1.relationship", "accounts.2.ownerEmail"]);
    expect(await rows(database.db, sql`select 1 from accounts where org_id = ${org.org.id}`)).toHaveLength(0);
  });

  it("finds a Dynamics account imported as a braced upper-case GUID by the id in its URL", async () => {
    const org = await orgWithTokens();
    const imported = await client.request("POST", "/v1/accounts", {
      token: org.admin,
      body: { accounts: [{ ...acme, crmId: "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}" }] },
    });
    expect(imported.status).toBe(200);
    const lookup = await client.request(
      "GET",
      "/v1/accounts/partners?crmId=3f2504e0-4f89-11d3-9a0c-0305e82c3301",
      { token: org.admin },
    );
    expect(lookup.body).toMatchObject({ account: { crmId: "3f2504e0-4f89-11d3-9a0c-0305e82c3301" } });
  });

  it("finds a Salesforce account by its 15-character id or its 18-character one, whichever it was loaded with", async () => {
    const org = await orgWithTokens();
    const imported = await client.request("POST", "/v1/accounts", {
      token: org.admin,
      body: {
        accounts: [
          { ...acme, crmId: "0019000000B98de" },
          { ...acme, crmId: "001Hs00002kLm3AIAS", name: "Globex Inc" },
        ],
      },
    });
    expect(imported.status).toBe(200);
    const lookUp = async (crmId: string) =>
      (await client.request("GET", `/v1/accounts/partners?crmId=${crmId}`, { token: org.admin })).body;
    // The extension sends the 18-character form a Lightning URL carries; reports export 15 characters.
    expect(await lookUp("0019000000B98deAAB")).toMatchObject({ account: { name: acme.name } });
    expect(await lookUp("001Hs00002kLm3A")).toMatchObject({ account: { name: "Globex Inc" } });
    // Another case is another record: no suffix is guessed for it.
    expect(await lookUp("0019000000B98DE")).toMatchObject({ account: null });
  });

  it("refuses an update time in the year 0000, which ISO 8601 has and PostgreSQL does not", async () => {
    const org = await orgWithTokens();
    const response = await client.request("POST", "/v1/accounts", {
      token: org.admin,
      body: { accounts: [{ ...acme, updatedAt: "0000-01-01T00:00:00Z" }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ details: [{ field: "accounts.0.updatedAt" }] });
  });

  it("refuses, naming the field, update times ISO 8601 allows and PostgreSQL cannot read", async () => {
    const org = await orgWithTokens();
    const response = await client.request("POST", "/v1/accounts", {
      token: org.admin,
      body: {
        accounts: [
          { ...acme, updatedAt: "2024-03-01T09:30:00+15:59" },
          { ...acme, crmId: "A-2", updatedAt: "2024-03-01T09:30:00+16:00" },
          { ...acme, crmId: "A-3", updatedAt: "2024-03-01T09:30:00.123456789Z" },
          { ...acme, crmId: "A-4", updatedAt: `2024-03-01T09:30:00.${"1".repeat(200)}-23:59` },
          { ...acme, crmId: "A-5", updatedAt: `2024-03-01T09:30:00.${"1".repeat(200)}Z` },
        ],
      },
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      details: [
        { field: "accounts.1.updatedAt", message: expect.stringContaining("UTC offset") },
        { field: "accounts.3.updatedAt", message: expect.stringContaining("UTC offset") },
        { field: "accounts.3.updatedAt", message: expect.stringContaining("decimal places") },
        { field: "accounts.4.updatedAt", message: expect.stringContaining("decimal places") },
      ],
    });
    const fine = await client.request("POST", "/v1/accounts", {
      token: org.admin,
      body: {
        accounts: [
          { ...acme, updatedAt: "2024-03-01T09:30:00+15:59" },
          { ...acme, crmId: "A-3", updatedAt: "2024-03-01T09:30:00.123456789-12:00" },
        ],
      },
    });
    expect(fine).toMatchObject({ status: 200, body: { inserted: 2 } });
  });

  it("refuses more than 1000 accounts at once, and callers who are not admins", async () => {
    const org = await orgWithTokens();
    const many = Array.from({ length: 1001 }, (_, n) => ({ ...acme, crmId: `A-${n}` }));
    expect(
      (await client.request("POST", "/v1/accounts", { token: org.admin, body: { accounts: many } })).status,
    ).toBe(400);
    expect(
      (await client.request("POST", "/v1/accounts", { token: org.rep, body: { accounts: [acme] } })).status,
    ).toBe(403);
  });
});
