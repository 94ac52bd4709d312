import { describe, expect, it } from "vitest";
import { batchTokenChecks, type CheckedToken, MAX_TOKENS_PER_CHECK } from "./token-checks";

const session = (tokenHash: string): CheckedToken => ({
  token_hash: tokenHash,
  session_id: `session of ${tokenHash}`,
  user_id: `user of ${tokenHash}`,
  org_id: `org of ${tokenHash}`,
  role: "rep",
  feed_seq: 1,
  feed_epoch: 0,
});

/** A database that knows the given hashes, answers each statement when told, and records them. */
function fakeDatabase(known: readonly string[]) {
  const statements: { hashes: readonly string[]; answer(): void; fail(error: Error): void }[] = [];
  const checkTokens = (hashes: readonly string[]) =>
    new Promise<CheckedToken[]>((resolve, reject) => {
      statements.push({
        hashes,
        answer: () => resolve(hashes.filter((h) => known.includes(h)).map(session)),
        fail: reject,
      });
    });
  return { statements, check: batchTokenChecks(checkTokens) };
}

/** Lets the checker's promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("token checks in batches", () => {
  it("checks a token at once when no other check is running", async () => {
    const { statements, check } = fakeDatabase(["a"]);
    const found = check("a");
    expect(statements.map((s) => s.hashes)).toEqual([["a"]]);
    statements[0]!.answer();
    expect(await found).toMatchObject({ user_id: "user of a" });
  });

  it("checks the tokens that arrive meanwhile in one statement, each answered with its own session", async () => {
    const { statements, check } = fakeDatabase(["a", "b", "c"]);
    const first = check("a");
    const waiting = [check("b"), check("unknown"), check("c"), check("b")];
    expect(statements).toHaveLength(1);
    statements[0]!.answer();
    await first;
    await settle();
    expect(statements.map((s) => s.hashes)).toEqual([["a"], ["b", "unknown", "c"]]);
    statements[1]!.answer();
    const answers = await Promise.all(waiting);
    expect(answers.map((found) => found?.user_id ?? null)).toEqual([
      "user of b",
      null,
      "user of c",
      "user of b",
    ]);
  });

  it("fails only the requests of a batch the database failed, and checks the next batch", async () => {
    const { statements, check } = fakeDatabase(["a", "b"]);
    const failed = check("a");
    const next = check("b");
    statements[0]!.fail(new Error("connection lost"));
    await expect(failed).rejects.toThrow("connection lost");
    await settle();
    statements[1]!.answer();
    expect(await next).toMatchObject({ user_id: "user of b" });
    // Idle again: the next token is checked at once.
    const later = check("a");
    expect(statements).toHaveLength(3);
    statements[2]!.answer();
    expect(await later).toMatchObject({ user_id: "user of a" });
  });

  it("splits a long queue into statements of at most the maximum", async () => {
    const hashes = Array.from({ length: MAX_TOKENS_PER_CHECK + 5 }, (_, i) => `t${i}`);
    const { statements, check } = fakeDatabase(hashes);
    const first = check("t0");
    const rest = hashes.slice(1).map(check);
    statements[0]!.answer();
    await first;
    await settle();
    expect(statements[1]!.hashes).toHaveLength(MAX_TOKENS_PER_CHECK);
    statements[1]!.answer();
    await settle();
    expect(statements[2]!.hashes).toEqual(hashes.slice(MAX_TOKENS_PER_CHECK + 1));
    statements[2]!.answer();
    const answers = await Promise.all(rest);
    expect(answers.map((found) => found?.user_id)).toEqual(hashes.slice(1).map((h) => `user of ${h}`));
  });
});
