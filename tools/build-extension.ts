import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

/**
 * Builds dist/chrome with the Vite CLI in a child process: crxjs does not build inside a
 * Vitest process (it reads the test environment), and a child keeps both callers identical.
 */
export function buildExtension(): void {
  const vite = join(ROOT, "node_modules", "vite", "bin", "vite.js");
  execFileSync(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit" });
}
