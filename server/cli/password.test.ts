/**
 * `user add` reading the password at a terminal prompt: a terminal is stood in for by a stream
 * that says it is one.
 */
import { PassThrough } from "node:stream";
import { afterEach, expect, it, vi } from "vitest";
import { CliError } from "./context";
import { readPassword } from "./password";

function terminal(): PassThrough & { isTTY: boolean; setRawMode: (raw: boolean) => void } {
  return Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => {} });
}

afterEach(() => {
  vi.restoreAllMocks();
});

function typeAfterPrompt(input: PassThrough, keys: string[]): void {
  // Each key is typed once the prompt before it is shown.
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    if (chunk !== "\n" && keys.length > 0) setTimeout(() => input.write(keys.shift()!), 5);
    return true;
  });
}

it("reads the password typed twice", async () => {
  const input = terminal();
  typeAfterPrompt(input, ["a long password\r", "a long password\r"]);
  await expect(readPassword(input)).resolves.toBe("a long password");
});

it.each([
  ["Ctrl+C", "\x03"],
  ["Ctrl+D", "\x04"],
])("ends with a message, not a stack trace, on %s at the prompt", async (_key, typed) => {
  const input = terminal();
  typeAfterPrompt(input, [typed]);
  const reading = readPassword(input);
  await expect(reading).rejects.toBeInstanceOf(CliError);
  await expect(reading).rejects.toThrow("No password typed: nothing was changed.");
});
