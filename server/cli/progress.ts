/** Progress bars on stderr, so stdout keeps only the results. They draw only on a terminal. */
import { Presets, SingleBar } from "cli-progress";

export function progressBar(format: string) {
  return new SingleBar(
    { format, stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
    Presets.shades_classic,
  );
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Bar progress over accounts (applied, checked or matched), as an `onProgress` callback. */
export function accountsProgress(label = "Matching") {
  const bar = progressBar(
    `${label.padEnd(9)} |{bar}| {percentage}% | {value}/{total} accounts | ETA {eta_formatted}`,
  );
  let started = false;
  return {
    onProgress(done: number, total: number) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop: () => bar.stop(),
  };
}
