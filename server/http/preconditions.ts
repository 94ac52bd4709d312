/**
 * Optimistic concurrency for PUTs that replace a whole object: GET and PUT answer with an ETag of
 * the object, and a PUT that sends it back as If-Match is refused if the object changed meanwhile.
 * The caller checks it in the transaction that writes, holding a lock on the object.
 */
import { createHash } from "node:crypto";
import { ApiError } from "./errors";

/** Objects' keys in one order, so that equal content always gives the same tag. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

/** A strong ETag of an object as the API shows it. */
export function etagOf(value: unknown): string {
  const digest = createHash("sha256")
    .update(JSON.stringify(canonical(value)))
    .digest("base64url");
  return `"${digest.slice(0, 27)}"`;
}

/**
 * Refuses the change with 412 unless If-Match is absent, or is `*` or a list naming `current`, the
 * tag of the object as it is now (null when there is none yet, which no If-Match names).
 */
export function checkIfMatch(ifMatch: string | undefined, current: string | null, what: string): void {
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(",").map((tag) => tag.trim());
  if (current !== null && (tags.includes("*") || tags.includes(current))) return;
  throw new ApiError(
    412,
    "precondition_failed",
    `${what} changed after you read it (If-Match): read it again, and make your change on it as it is now.`,
  );
}
