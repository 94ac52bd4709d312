/**
 * Sign-in, token checks and sign-out. This is the one part of the server that reads users and
 * sessions before an organisation is known, so it uses the database directly; everything after
 * authentication runs tenant-scoped (server/db/tenant.ts).
 */
import { eq, sql } from "drizzle-orm";
import { type Db, rows } from "../db/client";
import { auditLog, sessions, users } from "../db/schema";
import type { Caller } from "../http/env";
import { ApiError } from "../http/errors";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { auditRefusal, reserveAttempt, settleSuccessfulAttempt } from "./rate-limit";
import { batchTokenChecks, type CheckedToken } from "./token-checks";
import { hashToken, looksLikeToken, newToken } from "./tokens";

export interface AuthService {
  signIn(email: string, password: string, ip: string): Promise<{ token: string; expiresAt: string }>;
  authenticate(token: string): Promise<Caller | null>;
  signOut(caller: Caller): Promise<void>;
}

export function createAuthService(db: Db, options: { tokenTtlHours: number; now?: () => Date }): AuthService {
  const now = options.now ?? (() => new Date());
  // Migration 0016: one statement checks every token that is waiting. The hashes are hex, so a
  // comma joins them into one parameter, and the statement's text is the same for any batch.
  const checkToken = batchTokenChecks((hashes) =>
    rows<CheckedToken>(
      db,
      sql`select * from check_tokens(string_to_array(${hashes.join(",")}, ','), ${now()})`,
    ),
  );

  return {
    async signIn(email, password, ip) {
      const at = now();
      const refusal = await reserveAttempt(db, email, ip, at);
      if (refusal) {
        await auditRefusal(db, email, ip, refusal, at);
        throw new ApiError(
          429,
          "too_many_attempts",
          `Too many failed sign-ins ${refusal.limit === "account" ? "to this account" : "from your network"}: try again in ${waitFor(refusal.retryAfter)}.`,
          undefined,
          {
            "retry-after": String(refusal.retryAfter),
          },
        );
      }
      const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
      const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !ok) {
        if (user) {
          await db.insert(auditLog).values({
            orgId: user.orgId,
            actorUserId: user.id,
            action: "auth.sign_in_failed",
            details: { ip },
          });
        }
        throw new ApiError(401, "invalid_credentials", "Wrong email or password.");
      }
      await settleSuccessfulAttempt(db, email, ip);
      const token = newToken();
      const expiresAt = new Date(at.getTime() + options.tokenTtlHours * 3_600_000);
      await db.transaction(async (tx) => {
        await tx
          .insert(sessions)
          .values({ userId: user.id, orgId: user.orgId, tokenHash: hashToken(token), expiresAt });
        await tx
          .insert(auditLog)
          .values({ orgId: user.orgId, actorUserId: user.id, action: "auth.sign_in", details: { ip } });
      });
      return { token, expiresAt: expiresAt.toISOString() };
    },

    async authenticate(token) {
      if (!looksLikeToken(token)) return null;
      const found = await checkToken(hashToken(token));
      if (!found) return null;
      const { session_id, user_id, org_id, role, feed_seq, feed_epoch } = found;
      return {
        sessionId: session_id,
        userId: user_id,
        orgId: org_id,
        role,
        feedSeq: Number(feed_seq ?? 0),
        feedEpoch: feed_epoch,
      };
    },

    async signOut(caller) {
      await db.transaction(async (tx) => {
        await tx.update(sessions).set({ revokedAt: now() }).where(eq(sessions.id, caller.sessionId));
        await tx
          .insert(auditLog)
          .values({ orgId: caller.orgId, actorUserId: caller.userId, action: "auth.sign_out" });
      });
    },
  };
}

/** The wait a refusal asks for, in words: "15 minutes", "1 minute", "40 seconds". */
function waitFor(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
