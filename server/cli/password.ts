/**
 * Reads a password from stdin: the first line when it is piped (`echo pw | npm run cli -- user
 * add …`), or typed at a prompt, without echo, when stdin is a terminal.
 */
import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
import { CliError } from "./context";

export async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const password = await promptHidden("Password: ");
    if ((await promptHidden("Repeat it: ")) !== password) throw new CliError("The two passwords differ.");
    return password;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new CliError("No password on stdin: pipe it in (echo … |) or run the command in a terminal.");
}

async function promptHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  // readline echoes what is typed to its output; this output swallows it.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await reader.question("");
  } finally {
    reader.close();
    process.stderr.write("\n");
  }
}
