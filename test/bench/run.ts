/**
 * `npm run bench [-- name…]`: runs each test/bench/<name>.bench.ts in its own process (so peak
 * memory is its own), and writes their Markdown sections to BENCHMARKS.md with the machine and date.
 * A bench script prints one Markdown section to stdout; progress goes to stderr.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const only = process.argv.slice(2);
const benches = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => only.length === 0 || only.some((name) => file.startsWith(name)))
  .sort();

const sections: string[] = [];
for (const file of benches) {
  console.error(`--- ${file}`);
  const output = execFileSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join(import.meta.dirname, file)],
    {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  sections.push(output.trim());
}

const cpu = cpus()[0]?.model ?? "unknown CPU";
const header = `# Benchmarks

Written by \`npm run bench\`. Each section comes from one script in \`test/bench/\`.

- Date: ${new Date().toISOString()}
- Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM
- Node ${process.version} on ${process.platform}/${process.arch}
`;
writeFileSync(join(ROOT, "BENCHMARKS.md"), `${header}\n${sections.join("\n\n")}\n`);
console.error(`Wrote BENCHMARKS.md (${sections.length} section${sections.length === 1 ? "" : "s"}).`);
