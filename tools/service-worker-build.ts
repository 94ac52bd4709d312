/**
 * Builds the background service worker on its own, as one self-contained file.
 *
 * crxjs bundles every entry of the manifest in one build, and Rollup puts a module that two entries
 * import into a chunk that both load: the worker ended up sharing the message schemas, zod and the
 * browser polyfill with the content script and the sidebar. A chunk shared by a worker and a page
 * couples what each of them loads and when, and a change made for one ships to the other; so the
 * worker shares nothing (STYLE.md, rule 5).
 *
 * crxjs gets the manifest without its `background` key; once crxjs has written its files, this
 * plugin builds the worker with Vite, next to them, and puts the key back into the manifest.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { build, type Plugin, type ResolvedConfig } from "vite";

const OUTPUT = "service-worker.js";

interface ManifestWithWorker {
  background?: { service_worker: string; type?: string };
}

/** The manifest as crxjs must see it: without the worker, which this plugin builds. */
export function withoutServiceWorker<T extends ManifestWithWorker>(manifest: T): Omit<T, "background"> {
  const { background: _builtSeparately, ...rest } = manifest;
  return rest;
}

export function serviceWorkerBuild(manifest: ManifestWithWorker): Plugin {
  const entry = manifest.background?.service_worker;
  if (!entry) throw new Error("manifest.json names no background service worker");
  // The worker is built for the same browsers, and minified the same way, as the rest.
  let extensionBuild: ResolvedConfig["build"];
  return {
    name: "cosell-lens:service-worker",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      extensionBuild = config.build;
    },
    // After crxjs has written its files: it writes the manifest last, in a hook of its own.
    writeBundle: {
      order: "post",
      sequential: true,
      async handler(options) {
        const outDir = options.dir;
        if (!outDir) this.error("The extension build has no output directory");
        const result = await build({
          configFile: false,
          logLevel: "warn",
          build: {
            write: false,
            target: extensionBuild.target,
            minify: extensionBuild.minify,
            rollupOptions: {
              input: entry,
              // One file: a worker module with imports would fetch chunks before it can answer.
              output: { format: "es", entryFileNames: OUTPUT, codeSplitting: false },
            },
          },
        });
        const outputs = Array.isArray(result) ? result : [result];
        const files = outputs.flatMap((output) => ("output" in output ? output.output : []));
        const [worker, ...others] = files;
        if (worker?.type !== "chunk" || others.length > 0) {
          this.error(
            `The service worker must build to one file; got ${files.map((f) => f.fileName).join(", ")}`,
          );
        }
        await writeFile(join(outDir, OUTPUT), worker.code);
        const manifestPath = join(outDir, "manifest.json");
        const written = JSON.parse(await readFile(manifestPath, "utf8")) as ManifestWithWorker;
        written.background = { service_worker: OUTPUT, type: "module" };
        await writeFile(manifestPath, `${JSON.stringify(written, null, 2)}\n`);
      },
    },
  };
}
