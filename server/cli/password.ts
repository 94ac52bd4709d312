/**
 * Reads a password from stdin: the first line when it is piped (`echo pw | npm run cli -- user
 * add …`), or typed at a prompt, without echo, when stdin is a terminal.
 */
import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
import { CliError } from "./context";

export async function readPassword(
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
): Promise<string> {
  if (input.isTTY) {
    const password = await promptHidden(input, "Password: ");
    if ((await promptHidden(input, "Repeat it: ")) !== password)
      throw new CliError("The two passwords differ.");
    return password;
  }
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new CliError("No password on stdin: pipe it in (echo … |) or run the command in a terminal.");
}

async function promptHidden(input: NodeJS.ReadableStream, prompt: string): Promise<string> {
  process.stderr.write(prompt);
  // readline echoes what is typed to its output; this output swallows it.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input, output: silent, terminal: true });
  try {
    return await reader.question("");
  } catch (error) {
    // Ctrl+C or Ctrl+D at the prompt: readline rejects with an AbortError, which was printed with
    // its stack trace.
    if ((error as Error | undefined)?.name === "AbortError") {
      throw new CliError("No password typed: nothing was changed.");
    }
    throw error;
  } finally {
    reader.close();
    process.stderr.write("\n");
  }
}
