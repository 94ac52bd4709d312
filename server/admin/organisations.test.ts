import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "../db/client";
import { useTestDatabase } from "../testing/database";
import { AdminError, createOrg, type ShareOptions, sharePartnership } from "./organisations";

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
