/**
 * Embedded PGlite keeps its data in files that only one process may have open: a second process
 * (the admin CLI while `npm start` runs) opened them as if it were alone, and what it wrote was
 * never seen by the first and lost when the first wrote its own. A lock file in DATA_DIR, holding
 * the opener's process id, makes the second opener stop with a message instead.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { DatabaseUnavailableError } from "./errors";

const LOCK_FILE = "cosell-lens.lock";
/** Locks this process holds: a lock file naming this process's id is stale unless it is one of them. */
const held = new Set<string>();

/** Takes the data directory's lock, or throws if a live process holds it. Returns its release. */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(readFileSync(path, "utf8"), 10);
      // A restarted container runs the server under the same process id as before its crash (often
      // 1): a lock naming this process is in use only if this process took it.
      const inUse = holder === process.pid ? held.has(path) : Number.isInteger(holder) && isRunning(holder);
      if (inUse) {
        throw new DatabaseUnavailableError(
          `DATA_DIR ${dataDir} is in use by another process (pid ${holder}), such as a running server: ` +
            "the embedded database can be open in one process at a time. Stop that process and try again, " +
            `or use PostgreSQL (DATABASE_URL) to share the database. If no process ${holder} is running, delete ${path}.`,
        );
      }
      // Left by a process that ended without closing the database.
      unlinkSync(path);
      continue;
    }
    try {
      writeSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
    held.add(path);
    let released = false;
    // Closing a database twice must not remove a lock another process has taken since.
    return () => {
      if (released) return;
      released = true;
      held.delete(path);
      unlinkSync(path);
    };
  }
  throw new DatabaseUnavailableError(`Could not take the lock ${path}: another process keeps taking it.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
