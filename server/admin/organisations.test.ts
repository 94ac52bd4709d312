import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { AuditPage } from "../../src/contract/audit";
import type { Role } from "../../src/contract/auth";
import { rows } from "../db/client";
import { useTestDatabase } from "../testing/database";
import { testApp } from "../testing/fixtures";
import {
  AdminError,
  createOrg,
  createPartnership,
  createUser,
  type ShareOptions,
  sharePartnership,
} from "./organisations";

const database = useTestDatabase();

async function twoOrgs() {
  const [org, partner] = await Promise.all(
    ["vendor", "partner"].map((kind) =>
      createOrg(database.db, { slug: `${kind}-${randomUUID().slice(0, 8)}`, name: kind }),
    ),
  );
  const share = (options: ShareOptions) =>
    sharePartnership(database.db, { orgSlug: org!.slug, partnerSlug: partner!.slug, share: options });
  const rule = async () =>
    (
      await rows<{ level: string; populations: string[]; fields: string[] }>(
        database.db,
        sql`select level, populations, fields from sharing_rules where org_id = ${org!.id}`,
      )
    )[0];
  return { org: org!, partner: partner!, share, rule };
}

describe("sharePartnership", () => {
  it("keeps the populations when a rerun only changes the fields", async () => {
    const { share, rule } = await twoOrgs();
    await share({ level: "overlaps", populations: ["customer"], fields: ["name"] });
    const changed = await share({ level: "overlaps", fields: ["name", "relationship"] });
    const expected = { level: "overlaps", populations: ["customer"], fields: ["name", "relationship"] };
    expect(changed).toMatchObject({ created: false, rule: expected });
    expect(await rule()).toEqual(expected);
  });

  it("keeps the fields when a rerun only changes the populations", async () => {
    const { share, rule } = await twoOrgs();
    await share({ level: "overlaps", populations: ["customer"], fields: ["name", "owner_name"] });
    await share({ level: "overlaps", populations: ["customer", "opportunity"] });
    expect(await rule()).toEqual({
      level: "overlaps",
      populations: ["customer", "opportunity"],
      fields: ["name", "owner_name"],
    });
  });

  it("refuses to share overlapping accounts of a new partnership without the populations named", async () => {
    const { org, partner, share } = await twoOrgs();
    await expect(share({ level: "overlaps", fields: ["name"] })).rejects.toThrow(
      new AdminError(
        `Name the populations whose overlapping accounts ${org.slug} shares with ${partner.slug} (--share, from customer, opportunity, prospect): they are not partners yet.`,
      ),
    );
    const created = await rows(
      database.db,
      sql`select 1 from partnerships where org_a = ${org.id} or org_b = ${org.id}`,
    );
    expect(created).toEqual([]);
  });

  it("refuses to widen a counts-only rule to every population's accounts", async () => {
    const { share, rule } = await twoOrgs();
    await share({ level: "counts" });
    await expect(share({ level: "overlaps", fields: ["name"] })).rejects.toThrow(
      /--share.*so far it shares overlap counts only/,
    );
    expect(await rule()).toEqual({
      level: "counts",
      populations: ["customer", "opportunity", "prospect"],
      fields: [],
    });
  });

  it("goes back to counts without widening its populations, and forgets the fields it shared", async () => {
    const { share, rule } = await twoOrgs();
    await share({ level: "overlaps", populations: ["customer"], fields: ["owner_email"] });
    await share({ level: "counts" });
    expect(await rule()).toEqual({ level: "counts", populations: ["customer"], fields: [] });
    await share({ level: "overlaps", populations: ["customer"] });
    expect(await rule()).toEqual({ level: "overlaps", populations: ["customer"], fields: [] });
  });

  it("records the rule before and after a change", async () => {
    const { org, share } = await twoOrgs();
    const { partnershipId } = await share({ level: "overlaps", populations: ["customer"], fields: ["name"] });
    await share({ level: "overlaps", fields: [] });
    const [entry] = await rows<{ details: unknown }>(
      database.db,
      sql`select details from audit_log where org_id = ${org.id} and action = 'sharing.updated' and subject = ${partnershipId}`,
    );
    expect(entry?.details).toMatchObject({
      before: { level: "overlaps", populations: ["customer"], fields: ["name"] },
      after: { level: "overlaps", populations: ["customer"], fields: [] },
    });
  });
});

describe("createPartnership", () => {
  it("partners two organisations once when asked several times at once, and says so to the others", async () => {
    const { org, partner } = await twoOrgs();
    const attempts = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        createPartnership(database.db, { orgSlug: org.slug, partnerSlug: partner.slug }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === "fulfilled")).toHaveLength(1);
    for (const attempt of attempts.filter((attempt) => attempt.status === "rejected")) {
      expect(attempt.reason).toEqual(new AdminError(`${org.slug} and ${partner.slug} are already partners.`));
    }
  });
});

describe("createUser", () => {
  const newOrg = () => createOrg(database.db, { slug: `org-${randomUUID().slice(0, 8)}`, name: "Org" });
  const usersOf = (orgId: string) => rows(database.db, sql`select email from users where org_id = ${orgId}`);

  const longEmail = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(63)}.com`;
  it.each([
    ["a host without a dot", "ops@localhost", "invalid email address"],
    ["an address with an umlaut", "jörg@example.de", "invalid email address"],
    ["an intranet domain", "x@intranet", "invalid email address"],
    ["an address over 320 characters", longEmail, "too big"],
  ])("refuses %s, which sign-in would refuse", async (_kind, email, problem) => {
    const org = await newOrg();
    const created = createUser(database.db, {
      email,
      orgSlug: org.slug,
      role: "rep",
      password: "a long password",
    });
    await expect(created).rejects.toThrow(AdminError);
    await expect(created).rejects.toThrow(
      `"${email}" is not an email address anyone could sign in with: ${problem}`,
    );
    expect(await usersOf(org.id)).toEqual([]);
  });

  it("refuses a blank display name, which partners and colleagues would see as nothing", async () => {
    const org = await newOrg();
    const created = createUser(database.db, {
      email: "blank@org.example",
      orgSlug: org.slug,
      role: "rep",
      name: "  ",
      password: "a long password",
    });
    await expect(created).rejects.toThrow(
      new AdminError(
        "The name is blank: give one, or leave --name out to use the part of the email before the @.",
      ),
    );
    expect(await usersOf(org.id)).toEqual([]);
  });

  it("refuses a password longer than sign-in accepts", async () => {
    const org = await newOrg();
    const created = createUser(database.db, {
      email: "long@org.example",
      orgSlug: org.slug,
      role: "rep",
      password: "p".repeat(1025),
    });
    await expect(created).rejects.toThrow(
      new AdminError("The password must be at most 1024 characters long: sign-in refuses longer ones."),
    );
    expect(await usersOf(org.id)).toEqual([]);
  });

  it("creates a user who can sign in, with the email as sign-in reads it", async () => {
    const org = await newOrg();
    const password = "p".repeat(1024);
    const email = `Ops@${org.slug}.Example`;
    const user = await createUser(database.db, {
      email: ` ${email} `,
      orgSlug: org.slug,
      role: "rep",
      password,
    });
    expect(user.email).toBe(email.toLowerCase());
    const signIn = await testApp(database).request("POST", "/v1/auth/sign-in", { body: { email, password } });
    expect(signIn.status).toBe(200);
  });
});

describe("createUser and the audit log", () => {
  it("records every new user, with the role given, for the organisation's admins to read", async () => {
    const org = await createOrg(database.db, { slug: `org-${randomUUID().slice(0, 8)}`, name: "Org" });
    const add = (email: string, role: Role) =>
      createUser(database.db, { email, orgSlug: org.slug, role, password: "a long password" });
    const admin = await add(`admin@${org.slug}.example`, "admin");
    const second = await add(`second-admin@${org.slug}.example`, "admin");
    const client = testApp(database);
    const signIn = await client.request("POST", "/v1/auth/sign-in", {
      body: { email: admin.email, password: "a long password" },
    });
    const token = (signIn.body as { token: string }).token;
    const { body } = await client.request("GET", "/v1/audit", { token });
    const created = (body as unknown as AuditPage).entries.filter((entry) => entry.action === "user.created");
    expect(created).toMatchObject([
      { actor: null, subject: second.id, details: { email: second.email, role: "admin" } },
      { actor: null, subject: admin.id, details: { email: admin.email, role: "admin" } },
    ]);
  });
});

describe("createOrg", () => {
  it("refuses a blank name, which partners would see as nothing, and trims the name it keeps", async () => {
    const slug = `blank-${randomUUID().slice(0, 8)}`;
    await expect(createOrg(database.db, { slug, name: " \t" })).rejects.toThrow(
      new AdminError("The organisation's name is blank: give the name partners will see (--name)."),
    );
    expect(await rows(database.db, sql`select 1 from orgs where slug = ${slug}`)).toEqual([]);
    expect(await createOrg(database.db, { slug, name: " Acme Corp " })).toMatchObject({ name: "Acme Corp" });
  });
});
