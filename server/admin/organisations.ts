/**
 * Administrative operations (organisations, users, partnerships). They run with the owner's
 * rights and are reached only from the admin CLI, the demo loader and tests, never from a route.
 */
import { and, eq, or, sql } from "drizzle-orm";
import { Relationship } from "../../src/contract/accounts";
import { type Role, SignInRequest } from "../../src/contract/auth";
import { SharedField, SharingRule } from "../../src/contract/partnerships";
import { hashPassword } from "../auth/passwords";
import type { Db } from "../db/client";
import { auditLog, orgs, partnerships, sharingRules, users } from "../db/schema";

export class AdminError extends Error {}

export const SHAREABLE_FIELDS = SharedField.options;
export type ShareableField = SharedField;

export async function createOrg(db: Db, input: { slug: string; name: string }) {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug)) {
    throw new AdminError(
      `"${input.slug}" is not a valid slug: use 2-63 lower-case letters, digits and dashes.`,
    );
  }
  // Partners see this name beside every overlap: a blank one would show them nothing.
  const name = input.name.trim();
  if (!name)
    throw new AdminError("The organisation's name is blank: give the name partners will see (--name).");
  const [org] = await db.insert(orgs).values({ slug: input.slug, name }).onConflictDoNothing().returning();
  if (!org) throw new AdminError(`An organisation with the slug "${input.slug}" already exists.`);
  return org;
}

export async function orgBySlug(db: Db, slug: string) {
  const [org] = await db.select().from(orgs).where(eq(orgs.slug, slug));
  if (!org) throw new AdminError(`No organisation with the slug "${slug}".`);
  return org;
}

export async function createUser(
  db: Db,
  input: { email: string; orgSlug: string; role: Role; name?: string; password: string },
) {
  // Checked with sign-in's own schemas: a user whose email or password sign-in refuses could never sign in.
  const parsedEmail = SignInRequest.shape.email.safeParse(input.email);
  if (!parsedEmail.success) {
    const problem = parsedEmail.error.issues[0]!.message;
    throw new AdminError(
      `"${input.email}" is not an email address anyone could sign in with: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}.`,
    );
  }
  const email = parsedEmail.data;
  if (input.password.length < 10) throw new AdminError("The password must be at least 10 characters long.");
  if (!SignInRequest.shape.password.safeParse(input.password).success) {
    throw new AdminError(
      `The password must be at most ${SignInRequest.shape.password.maxLength} characters long: sign-in refuses longer ones.`,
    );
  }
  const name = input.name === undefined ? email.split("@")[0]! : input.name.trim();
  if (!name) {
    throw new AdminError(
      "The name is blank: give one, or leave --name out to use the part of the email before the @.",
    );
  }
  const org = await orgBySlug(db, input.orgSlug);
  const passwordHash = await hashPassword(input.password);
  const user = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({ orgId: org.id, email, name, role: input.role, passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id, email: users.email, role: users.role, orgId: users.orgId });
    // Who was given access, and with which role, is what an admin looks for first in the log.
    if (created) {
      await tx.insert(auditLog).values({
        orgId: org.id,
        action: "user.created",
        subject: created.id,
        details: { email: created.email, role: created.role },
      });
    }
    return created;
  });
  if (!user) throw new AdminError(`A user with the email ${email} already exists.`);
  return user;
}

export interface ShareOptions {
  level?: "counts" | "overlaps";
  populations?: Relationship[];
  fields?: ShareableField[];
}

/**
 * Partners two organisations. Each direction gets its own sharing rule; `share` is what `orgSlug`
 * shares with the partner, `partnerShare` the reverse. Both default to counts only.
 */
export async function createPartnership(
  db: Db,
  input: { orgSlug: string; partnerSlug: string; share?: ShareOptions; partnerShare?: ShareOptions },
) {
  const org = await orgBySlug(db, input.orgSlug);
  const partner = await orgBySlug(db, input.partnerSlug);
  if (org.id === partner.id) throw new AdminError("An organisation cannot partner with itself.");
  return db.transaction(async (tx) => {
    // The unique index on the pair, in either order, decides: of two runs partnering the same two
    // organisations at once, the second inserts nothing, where a check before the insert would
    // have passed for both and left the second to fail on the index with a database error.
    const [partnership] = await tx
      .insert(partnerships)
      .values({ orgA: org.id, orgB: partner.id })
      .onConflictDoNothing()
      .returning();
    if (!partnership) throw new AdminError(`${org.slug} and ${partner.slug} are already partners.`);
    const rule = (from: string, to: string, share: ShareOptions = {}) => ({
      partnershipId: partnership.id,
      orgId: from,
      partnerOrgId: to,
      level: share.level ?? "counts",
      populations: share.populations ?? ["customer", "opportunity", "prospect"],
      fields: share.fields ?? [],
    });
    await tx
      .insert(sharingRules)
      .values([rule(org.id, partner.id, input.share), rule(partner.id, org.id, input.partnerShare)]);
    await tx.insert(auditLog).values([
      {
        orgId: org.id,
        action: "partnership.created",
        subject: partner.slug,
        details: { share: input.share ?? {} },
      },
      {
        orgId: partner.id,
        action: "partnership.created",
        subject: org.slug,
        details: { share: input.partnerShare ?? {} },
      },
    ]);
    return partnership;
  });
}

/**
 * Sets what `orgSlug` shares with `partnerSlug`, partnering them first if they are not partners yet (the
 * partner then shares counts only until it says otherwise). Options left out keep their current value,
 * but sharing never widens by default: moving to the overlaps level needs the populations named, since
 * the populations of a counts-only rule (every one, unless narrowed) were chosen for counts alone; and
 * the fields of an overlaps rule are dropped when it goes back to counts, so they don't return unasked.
 */
export async function sharePartnership(
  db: Db,
  input: { orgSlug: string; partnerSlug: string; share: ShareOptions },
): Promise<{ partnershipId: string; created: boolean; rule: SharingRule }> {
  const org = await orgBySlug(db, input.orgSlug);
  const partner = await orgBySlug(db, input.partnerSlug);
  const [existing] = await db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(
      or(
        and(eq(partnerships.orgA, org.id), eq(partnerships.orgB, partner.id)),
        and(eq(partnerships.orgA, partner.id), eq(partnerships.orgB, org.id)),
      ),
    );
  const nextRule = (current: SharingRule | null): SharingRule => {
    const level = input.share.level ?? current?.level ?? "counts";
    const keepsOverlaps = level === "overlaps" && current?.level === "overlaps";
    const populations =
      input.share.populations ??
      (level === "counts"
        ? (current?.populations ?? Relationship.options)
        : keepsOverlaps
          ? current.populations
          : null);
    if (!populations) {
      throw new AdminError(
        `Name the populations whose overlapping accounts ${org.slug} shares with ${partner.slug} (--share, from ${Relationship.options.join(", ")}): ${
          current ? "so far it shares overlap counts only" : "they are not partners yet"
        }.`,
      );
    }
    const fields = input.share.fields ?? (keepsOverlaps ? current.fields : []);
    return { level, populations, fields };
  };
  if (!existing) {
    const rule = nextRule(null);
    const created = await createPartnership(db, { ...input, share: rule });
    return { partnershipId: created.id, created: true, rule };
  }
  const rule = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        level: sharingRules.level,
        populations: sharingRules.populations,
        fields: sharingRules.fields,
      })
      .from(sharingRules)
      .where(and(eq(sharingRules.partnershipId, existing.id), eq(sharingRules.orgId, org.id)))
      .for("update");
    const before = SharingRule.parse(current);
    const after = nextRule(before);
    await tx
      .update(sharingRules)
      .set({ ...after, updatedAt: sql`now()` })
      .where(and(eq(sharingRules.partnershipId, existing.id), eq(sharingRules.orgId, org.id)));
    await tx.insert(auditLog).values({
      orgId: org.id,
      action: "sharing.updated",
      subject: existing.id,
      details: { partnerOrgId: partner.id, before, after },
    });
    return after;
  });
  return { partnershipId: existing.id, created: false, rule };
}
