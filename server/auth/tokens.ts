/** Bearer tokens: 256 random bits, handed out once and stored only as a SHA-256 hash. */
import { createHash, randomBytes } from "node:crypto";

const PREFIX = "csl_";

export function newToken(): string {
  return PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function looksLikeToken(token: string): boolean {
  return token.startsWith(PREFIX) && token.length === PREFIX.length + 43;
}
