/**
 * What row-level security and the intro_requests triggers let each side of an intro request write,
 * whatever route one day writes it: the request stays between the two partners it was sent between,
 * only the partner answers it, only the requester withdraws it, and an answer is final.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createPartnership } from "../admin/organisations";
import { useTestDatabase } from "../testing/database";
import { createTestOrg } from "../testing/fixtures";
import { rows } from "./client";
import { withTenant } from "./tenant";

const database = useTestDatabase();

type Org = Awaited<ReturnType<typeof createTestOrg>>;

/** A vendor partnered with a partner and with a third organisation, and an intro to the partner. */
async function scenario() {
  const vendor = await createTestOrg(database, "Vendor");
  const partner = await createTestOrg(database, "Partner");
  const third = await createTestOrg(database, "Third");
  const withPartner = await createPartnership(database.db, {
    orgSlug: vendor.slug,
    partnerSlug: partner.slug,
  });
  const withThird = await createPartnership(database.db, { orgSlug: third.slug, partnerSlug: vendor.slug });
  const id = randomUUID();
  await as(vendor, "rep", (tx) =>
    tx.execute(sql`insert into intro_requests (id, from_org_id, to_org_id, partnership_id, message)
      values (${id}, ${vendor.org.id}, ${partner.org.id}, ${withPartner.id}, 'Please introduce us')`),
  );
  return { vendor, partner, third, withPartner, withThird, id };
}

function as<T>(org: Org, role: "rep" | "partner_rep", work: Parameters<typeof withTenant<T>>[2]) {
  return withTenant(database, { orgId: org.org.id, userId: org.users[role].id }, work);
}

async function statusOf(id: string) {
  const [row] = await rows<{ status: string; from_org_id: string; to_org_id: string }>(
    database.db,
    sql`select status, from_org_id, to_org_id from intro_requests where id = ${id}`,
  );
  return row;
}

/** The database refused the write, saying why (Drizzle wraps PostgreSQL's error as its cause). */
const refused = (write: Promise<unknown>, why: RegExp) =>
  expect(write).rejects.toMatchObject({ cause: { message: expect.stringMatching(why) } });

const setStatus = (org: Org, id: string, status: string) =>
  as(org, "rep", (tx) =>
    tx.execute(sql`update intro_requests set status = ${status}, version = version + 1
      where id = ${id}`),
  );

describe("intro requests in the database", () => {
  it("keeps a request between the two partners: neither side can move it to another organisation", async () => {
    const { vendor, partner, third, withThird, id } = await scenario();
    await refused(
      as(partner, "partner_rep", (tx) =>
        tx.execute(sql`update intro_requests set from_org_id = ${third.org.id}, partnership_id = ${withThird.id}
          where id = ${id}`),
      ),
      /stays between/,
    );
    await refused(
      as(vendor, "rep", (tx) =>
        tx.execute(sql`update intro_requests set to_org_id = ${third.org.id}, partnership_id = ${withThird.id}
          where id = ${id}`),
      ),
      /stays between/,
    );
    expect(await statusOf(id)).toEqual({
      status: "pending",
      from_org_id: vendor.org.id,
      to_org_id: partner.org.id,
    });
  });

  it("sends a request only to a partner, through the partnership between the two", async () => {
    const { vendor, third, withPartner, withThird } = await scenario();
    const stranger = await createTestOrg(database, "Stranger");
    const send = (to: string, partnershipId: string) =>
      as(vendor, "rep", (tx) =>
        tx.execute(sql`insert into intro_requests (id, from_org_id, to_org_id, partnership_id)
          values (${randomUUID()}, ${vendor.org.id}, ${to}, ${partnershipId})`),
      );
    await refused(send(stranger.org.id, withPartner.id), /row-level security/);
    await refused(send(third.org.id, withPartner.id), /row-level security/);
    await send(third.org.id, withThird.id);
  });

  it("lets only the partner answer a request, and only once", async () => {
    const { vendor, partner, id } = await scenario();
    await refused(setStatus(vendor, id, "accepted"), /cannot mark it accepted/);
    await refused(setStatus(vendor, id, "expired"), /cannot mark it expired/);
    expect((await statusOf(id))?.status).toBe("pending");

    await setStatus(partner, id, "declined");
    await refused(setStatus(partner, id, "accepted"), /already declined/);
    await refused(setStatus(vendor, id, "withdrawn"), /already declined/);
    expect((await statusOf(id))?.status).toBe("declined");
  });

  it("lets only the requester withdraw a request, while it waits for an answer", async () => {
    const { vendor, partner, id } = await scenario();
    await refused(setStatus(partner, id, "withdrawn"), /cannot mark it withdrawn/);
    await setStatus(vendor, id, "withdrawn");
    await refused(setStatus(partner, id, "accepted"), /already withdrawn/);
    expect((await statusOf(id))?.status).toBe("withdrawn");
  });

  it("lets each side write only its own words: the request's to the requester, the answer's to the partner", async () => {
    const { vendor, partner, id } = await scenario();
    const write = (org: Org, assignments: ReturnType<typeof sql>) =>
      as(org, "rep", (tx) => tx.execute(sql`update intro_requests set ${assignments} where id = ${id}`));
    await refused(write(partner, sql`message = 'Ignore this one'`), /only the requester/);
    await refused(write(partner, sql`requester_user_id = ${partner.users.rep.id}`), /only the requester/);
    await write(partner, sql`status = 'accepted', responded_at = now(), response_message = 'Happy to'`);
    await refused(write(vendor, sql`response_message = 'Not a fit'`), /only the partner/);
    await refused(write(vendor, sql`responder_user_id = ${vendor.users.rep.id}`), /only the partner/);
    const [row] = await rows<{ message: string; response_message: string }>(
      database.db,
      sql`select message, response_message from intro_requests where id = ${id}`,
    );
    expect(row).toEqual({ message: "Please introduce us", response_message: "Happy to" });
  });

  it("takes a new request as pending and as sent now, whatever the requester's insert says", async () => {
    const { vendor, partner, withPartner } = await scenario();
    const send = (columns: ReturnType<typeof sql>, values: ReturnType<typeof sql>) =>
      as(vendor, "rep", (tx) =>
        tx.execute(sql`insert into intro_requests (id, from_org_id, to_org_id, partnership_id, ${columns})
          values (${randomUUID()}, ${vendor.org.id}, ${partner.org.id}, ${withPartner.id}, ${values})`),
      );
    await refused(send(sql`status`, sql`'accepted'`), /pending/);
    await refused(send(sql`response_message`, sql`'Happy to'`), /only the partner/);
    const id = randomUUID();
    await as(vendor, "rep", (tx) =>
      tx.execute(sql`insert into intro_requests (id, from_org_id, to_org_id, partnership_id, created_at)
        values (${id}, ${vendor.org.id}, ${partner.org.id}, ${withPartner.id}, now() + interval '30 days')`),
    );
    const [row] = await rows<{ sent_now: boolean }>(
      database.db,
      sql`select created_at <= now() as sent_now from intro_requests where id = ${id}`,
    );
    expect(row?.sent_now).toBe(true);
  });

  it("lets the server itself expire a pending request, outside any tenant", async () => {
    const { id } = await scenario();
    await database.db.execute(sql`update intro_requests set status = 'expired' where id = ${id}`);
    expect((await statusOf(id))?.status).toBe("expired");
  });
});
