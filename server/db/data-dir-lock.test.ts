/**
 * Embedded PGlite's data can be open in one process at a time: a second opener of the same DATA_DIR
 * (the admin CLI while the server runs) is refused with a message, instead of writing data that the
 * first never sees.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../testing/cli";
import { openDatabase } from "./client";
import { DatabaseUnavailableError } from "./errors";

const dataDir = await mkdtemp(join(tmpdir(), "cosell-lock-"));
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const cli = (args: string[]) => runCli(args, { DATA_DIR: dataDir });

// A cold PGlite start with migrations, then a CLI process, on a busy 2-core machine.
describe("a PGlite data directory", { timeout: 120_000 }, () => {
  it("is refused to a second process while open, and free again once closed", async () => {
    const database = await openDatabase({ dataDir });
    try {
      const refused = await cli(["org", "add", "acme", "--name", "Acme"]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `Error: DATA_DIR ${dataDir} is in use by another process (pid ${process.pid})`,
      );
      await expect(openDatabase({ dataDir })).rejects.toThrow(DatabaseUnavailableError);
    } finally {
      await database.close();
    }
    expect(await cli(["org", "add", "acme", "--name", "Acme"])).toMatchObject({ code: 0 });
  });

  it("is taken over from an earlier process that had this process's id, as in a restarted container", async () => {
    await writeFile(join(dataDir, "cosell-lens.lock"), String(process.pid));
    const database = await openDatabase({ dataDir });
    await database.close();
  });

  it("is taken over from a process that ended without closing it", async () => {
    // No process runs under a pid this high (Linux allows at most 2^22).
    await writeFile(join(dataDir, "cosell-lens.lock"), "99999999");
    const database = await openDatabase({ dataDir });
    await database.close();
  });
});
