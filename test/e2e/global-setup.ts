import { buildExtension } from "../../tools/build-extension";
import { chromiumPath } from "../../tools/chromium";

/** Fails loudly (never skips) when Chromium is missing, and builds the extension under test. */
export default function setup(): void {
  chromiumPath();
  buildExtension();
}
