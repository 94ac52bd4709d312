import { randomInt } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { AuditPage } from "../../../src/contract/audit";
import { reserveAttempt, SIGN_IN_LIMITS } from "../../auth/rate-limit";
import { rows } from "../../db/client";
import { useTestDatabase } from "../../testing/database";
import { createTestOrg, PASSWORD, signInAs, type TestApp, testApp } from "../../testing/fixtures";

const database = useTestDatabase();

/**
 * A client address for one test: failure counts live in the database for 15 minutes, and on
 * PostgreSQL every test file, and every run within those minutes, shares the database.
 */
const addressOfItsOwn = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

describe("sign-in", () => {
  it("returns a token that identifies the user, their organisation and role", async () => {
    const client = testApp(database);
    const { org, users } = await createTestOrg(database, "Northwind");
    const signIn = await client.request("POST", "/v1/auth/sign-in", {
      body: { email: users.manager.email.toUpperCase(), password: PASSWORD },
    });
    expect(signIn.status).toBe(200);
    expect(new Date(signIn.body.expiresAt as string).getTime()).toBeGreaterThan(Date.now());

    const me = await client.request("GET", "/v1/me", { token: signIn.body.token as string });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { email: users.manager.email },
      organisation: { id: org.id, name: "Northwind" },
      role: "manager",
    });
  });

  it("refuses a wrong password and an unknown email with the same answer", async () => {
    const client = testApp(database, { trustedProxies: 1 });
    const headers = { "x-forwarded-for": addressOfItsOwn() };
    const { users } = await createTestOrg(database);
    const wrong = await client.request("POST", "/v1/auth/sign-in", {
      body: { email: users.rep.email, password: "not it at all" },
      headers,
    });
    const unknown = await client.request("POST", "/v1/auth/sign-in", {
      body: { email: `nobody-${randomInt(1e9)}@nowhere.test`, password: "whatever1234" },
      headers,
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
  });

  it("rate-limits failed attempts per account with a 429 and Retry-After, even for the right password", async () => {
    const client = testApp(database, { trustedProxies: 1 });
    const headers = { "x-forwarded-for": addressOfItsOwn() };
    const { users } = await createTestOrg(database);
    for (let i = 0; i < 5; i++) {
      const failed = await client.request("POST", "/v1/auth/sign-in", {
        body: { email: users.rep.email, password: `wrong ${i}` },
        headers,
      });
      expect(failed.status).toBe(401);
    }
    const limited = await client.request("POST", "/v1/auth/sign-in", {
      body: { email: users.rep.email, password: PASSWORD },
      headers,
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({ error: { code: "too_many_attempts" } });
  });

  it("says in the 429 which limit was reached and how long to wait", async () => {
    const now = new Date();
    const client = testApp(database, { trustedProxies: 1, now: () => now });
    const { users } = await createTestOrg(database);
    const signIn = (email: string, address: string) =>
      client.request("POST", "/v1/auth/sign-in", {
        body: { email, password: PASSWORD },
        headers: { "x-forwarded-for": address },
      });
    const [address, network] = [addressOfItsOwn(), addressOfItsOwn()];
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      await reserveAttempt(database.db, users.rep.email, address, now);
    }
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) {
      await reserveAttempt(database.db, `earlier-${i}-${network}@nowhere.test`, network, now);
    }
    expect((await signIn(users.rep.email, address)).body).toEqual({
      error: {
        code: "too_many_attempts",
        message: "Too many failed sign-ins to this account: try again in 15 minutes.",
      },
    });
    expect((await signIn(users.manager.email, network)).body).toEqual({
      error: {
        code: "too_many_attempts",
        message: "Too many failed sign-ins from your network: try again in 15 minutes.",
      },
    });
  });

  it("holds the limit against wrong passwords sent all at once", async () => {
    const client = testApp(database, { trustedProxies: 1 });
    const headers = { "x-forwarded-for": addressOfItsOwn() };
    const { users } = await createTestOrg(database);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.request("POST", "/v1/auth/sign-in", {
          body: { email: users.rep.email, password: `guess ${i}` },
          headers,
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    // Five guesses get checked; the rest are refused before their password is looked at.
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
  });

  it("lets the right password in after fewer failures than the limit, and starts the count again", async () => {
    const client = testApp(database, { trustedProxies: 1 });
    const headers = { "x-forwarded-for": addressOfItsOwn() };
    const { users } = await createTestOrg(database);
    const attempt = (password: string) =>
      client.request("POST", "/v1/auth/sign-in", { body: { email: users.rep.email, password }, headers });
    for (let i = 0; i < 4; i++) expect((await attempt(`wrong ${i}`)).status).toBe(401);
    expect((await attempt(PASSWORD)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong again ${i}`)).status).toBe(401);
    expect((await attempt(PASSWORD)).status).toBe(429);
  });

  it("counts failures per client behind a trusted proxy, by the address the proxy saw", async () => {
    const client = testApp(database, { trustedProxies: 1 });
    const [proxied, other] = [addressOfItsOwn(), addressOfItsOwn()];
    // The proxy appends the address it saw; what comes before it is the client's own claim.
    const from = (address: string, claimed = "") => ({
      "x-forwarded-for": claimed ? `${claimed}, ${address}` : address,
    });
    const attempt = (n: number, headers: Record<string, string>) =>
      client.request("POST", "/v1/auth/sign-in", {
        body: {
          email: `nobody-${n}-${proxied.replaceAll(".", "-")}@proxied.test`,
          password: "wrong password",
        },
        headers,
      });
    for (let n = 0; n < SIGN_IN_LIMITS.perIp; n++) {
      expect((await attempt(n, from(proxied, `198.51.100.${n}`))).status).toBe(401);
    }
    expect((await attempt(99, from(proxied, "198.51.100.200"))).status).toBe(429);
    expect((await attempt(100, from(other))).status).toBe(401);
  });

  it("counts one client as one address whatever port the proxy appends, and an IPv6 network (/64) as one", async () => {
    const client = testApp(database, { trustedProxies: 1 });
    const v4 = addressOfItsOwn();
    const [site, subnet] = [randomInt(0x10000), randomInt(0xffff)];
    const network = (n: number) => `2001:db8:${site.toString(16)}:${n.toString(16)}`;
    const v6 = network(subnet);
    const attempt = (forwardedFor: string) =>
      client.request("POST", "/v1/auth/sign-in", {
        body: { email: `nobody-${randomInt(1e9)}@nowhere.test`, password: "wrong password" },
        headers: { "x-forwarded-for": forwardedFor },
      });
    // Counted straight away: the limit's worth of password checks would only slow the test down.
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) {
      await reserveAttempt(database.db, `earlier-${i}-${v4}@nowhere.test`, v4, new Date());
      await reserveAttempt(database.db, `earlier-${i}-${v6}@nowhere.test`, `${v6}::${i + 1}`, new Date());
    }
    // Some proxies append the client's port; a new connection has a new one.
    expect((await attempt(`${v4}:51234`)).status).toBe(429);
    expect((await attempt(`::ffff:${v4}`)).status).toBe(429);
    // A home or office gets a whole /64 and picks any address in it.
    expect((await attempt(`${v6}:0:0:abcd:ef01`)).status).toBe(429);
    expect((await attempt(`[${v6.toUpperCase()}::7]:443`)).status).toBe(429);
    expect((await attempt(`${network(subnet + 1)}::1`)).status).toBe(401);
  });

  it("names the offending fields of malformed input", async () => {
    const client = testApp(database);
    const response = await client.request("POST", "/v1/auth/sign-in", { body: { email: "not-an-email" } });
    expect(response.status).toBe(400);
    const fields = (response.body as { error: { details: { field: string }[] } }).error.details.map(
      (d) => d.field,
    );
    expect(fields).toEqual(expect.arrayContaining(["email", "password"]));
  });
});

/** What the organisation's admin reads in the audit log about one user, newest first. */
async function auditedSignInsOf(client: TestApp, admin: string, userId: string) {
  const token = await signInAs(client, admin);
  const response = await client.request("GET", "/v1/audit?limit=500", { token });
  expect(response.status).toBe(200);
  return (response.body as unknown as AuditPage).entries.filter((entry) => entry.actor?.id === userId);
}

describe("refused sign-ins", () => {
  it("are in the audit log, once per window however many arrive, the right password among them", async () => {
    let now = new Date();
    const client = testApp(database, { trustedProxies: 1, now: () => now });
    const address = addressOfItsOwn();
    const { users } = await createTestOrg(database);
    const attempt = (password: string) =>
      client.request("POST", "/v1/auth/sign-in", {
        body: { email: users.rep.email, password },
        headers: { "x-forwarded-for": address },
      });
    const hammer = async () => {
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++)
        expect((await attempt(`wrong ${i}`)).status).toBe(401);
      const refused = await Promise.all([PASSWORD, "wrong again", PASSWORD, "and again"].map(attempt));
      expect(refused.map((answer) => answer.status)).toEqual([429, 429, 429, 429]);
    };
    await hammer();
    now = new Date(now.getTime() + (SIGN_IN_LIMITS.windowMinutes + 1) * 60_000);
    await hammer();

    const entries = await auditedSignInsOf(client, users.admin.email, users.rep.id);
    const window = [
      "auth.sign_in_refused",
      ...Array<string>(SIGN_IN_LIMITS.perAccount).fill("auth.sign_in_failed"),
    ];
    expect(entries.map((entry) => entry.action)).toEqual([...window, ...window]);
    expect(entries[0]!.details).toEqual({ ip: address, limit: "account", retryAfter: expect.any(Number) });
    expect(entries[0]!.details.retryAfter).toBeGreaterThan(0);
  });

  it("are on the record for a user's account when the address is over its limit, and write nothing for an unknown email", async () => {
    const client = testApp(database, { trustedProxies: 1 });
    const address = addressOfItsOwn();
    const { users } = await createTestOrg(database);
    const stranger = `nobody-${randomInt(1e9)}@nowhere.test`;
    // Counted straight away: 30 password checks would only slow the test down.
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) {
      await reserveAttempt(database.db, `earlier-${i}-${stranger}`, address, new Date());
    }
    for (const email of [users.rep.email, stranger]) {
      const refused = await client.request("POST", "/v1/auth/sign-in", {
        body: { email, password: PASSWORD },
        headers: { "x-forwarded-for": address },
      });
      expect(refused.status).toBe(429);
    }

    const entries = await auditedSignInsOf(client, users.admin.email, users.rep.id);
    expect(entries).toMatchObject([
      {
        action: "auth.sign_in_refused",
        details: { ip: address, limit: "ip", retryAfter: expect.any(Number) },
      },
    ]);
    const strangersRows = await rows(
      database.db,
      sql`select key from sign_in_failures where key like ${`%:${stranger}`}`,
    );
    expect(strangersRows).toEqual([]);
  });
});

describe("tokens", () => {
  it("stop working after sign-out", async () => {
    const client = testApp(database);
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.rep.email);
    expect((await client.request("GET", "/v1/me", { token })).status).toBe(200);
    expect((await client.request("POST", "/v1/auth/sign-out", { token })).status).toBe(204);
    expect((await client.request("GET", "/v1/me", { token })).status).toBe(401);
  });

  it("expire", async () => {
    let now = new Date();
    const client = testApp(database, { now: () => now, tokenTtlHours: 1 });
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.rep.email);
    expect((await client.request("GET", "/v1/me", { token })).status).toBe(200);
    now = new Date(now.getTime() + 61 * 60_000);
    const expired = await client.request("GET", "/v1/me", { token });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("identify each of many users signed in at once, and refuse a revoked one among them", async () => {
    const client = testApp(database);
    const orgs = await Promise.all([
      createTestOrg(database, "Northwind"),
      createTestOrg(database, "Contoso"),
    ]);
    const people = orgs.flatMap(({ org, users }) => Object.values(users).map((user) => ({ org, user })));
    const tokens = await Promise.all(people.map(({ user }) => signInAs(client, user.email)));
    const revoked = tokens[1]!;
    expect((await client.request("POST", "/v1/auth/sign-out", { token: revoked })).status).toBe(204);
    // All at once, so that the server checks these tokens together (server/auth/token-checks.ts).
    const answers = await Promise.all(tokens.map((token) => client.request("GET", "/v1/me", { token })));
    answers.forEach((answer, i) => {
      if (tokens[i] === revoked) expect(answer.status).toBe(401);
      else {
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({
          user: { email: people[i]!.user.email },
          organisation: { id: people[i]!.org.id },
        });
      }
    });
  });

  it("are stored only as hashes", async () => {
    const client = testApp(database);
    const { users } = await createTestOrg(database);
    const token = await signInAs(client, users.rep.email);
    const stored = await database.db.execute(
      (await import("drizzle-orm")).sql`select token_hash from sessions where token_hash = ${token}`,
    );
    expect((stored as unknown as { rows: unknown[] }).rows).toHaveLength(0);
  });
});
