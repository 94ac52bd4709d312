/**
 * Sign-in, token checks and sign-out. This is the one part of the server that reads users and
 * sessions before an organisation is known, so it uses the database directly; everything after
 * authentication runs tenant-scoped (server/db/tenant.ts).
 */
import { eq, sql } from "drizzle-orm";
import type { Role } from "../../src/contract/auth";
import { type Db, rows } from "../db/client";
import { auditLog, sessions, users } from "../db/schema";
import type { Caller } from "../http/env";
import { ApiError } from "../http/errors";
import { DUMMY_HASH, verifyPassword } from "./passwords";
import { reserveAttempt, settleSuccessfulAttempt } from "./rate-limit";
import { hashToken, looksLikeToken, newToken } from "./tokens";

export interface AuthService {
  signIn(email: string, password: string, ip: string): Promise<{ token: string; expiresAt: string }>;
  authenticate(token: string): Promise<Caller | null>;
  signOut(caller: Caller): Promise<void>;
}

interface CheckedToken {
  session_id: string;
  user_id: string;
  org_id: string;
  role: Role;
  feed_seq: string | number | null;
}

export function createAuthService(db: Db, options: { tokenTtlHours: number; now?: () => Date }): AuthService {
  const now = options.now ?? (() => new Date());

  return {
    async signIn(email, password, ip) {
      const at = now();
      const wait = await reserveAttempt(db, email, ip, at);
      if (wait > 0) {
        throw new ApiError(
          429,
          "too_many_attempts",
          "Too many failed sign-ins. Try again later.",
          undefined,
          {
            "retry-after": String(wait),
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
      // Migration 0014; the feed position answers most syncs on its own.
      const [found] = await rows<CheckedToken>(
        db,
        sql`select * from check_token(${hashToken(token)}, ${now()})`,
      );
      if (!found) return null;
      const { session_id, user_id, org_id, role, feed_seq } = found;
      return { sessionId: session_id, userId: user_id, orgId: org_id, role, feedSeq: Number(feed_seq ?? 0) };
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
