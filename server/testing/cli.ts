/**
 * The admin CLI as an admin runs it: a process of its own (`node --import tsx server/cli.ts`).
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one command on the database that `database` names (DATA_DIR, or DATABASE_URL for
 * PostgreSQL): the run's own settings for them are not passed on, so a command never reaches a
 * database the test did not name.
 */
export function runCli(args: string[], database: Record<string, string>, stdin = ""): Promise<CliRun> {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
    cwd: ROOT,
    env: { ...inherited, ...database },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  child.stdin.end(stdin);
  return new Promise((done) => child.on("close", (code) => done({ code, stdout, stderr })));
}
