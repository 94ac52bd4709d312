/**
 * Runs axe-core in a page and returns the violations that matter for a release: serious and critical.
 * axe is evaluated as a script through the DevTools protocol, so extension pages' CSP does not stop it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

export interface AxeReport {
  /** Serious and critical violations. */
  violations: AxeFinding[];
  /** How many elements the rules checked, to prove the scope was not empty. */
  checkedElements: number;
}

/** `include` is a CSS selector for a shadow host or an element; the whole page when left out. */
export async function runAxe(page: Page, include?: string): Promise<AxeReport> {
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    type AxeNode = { target: unknown[]; failureSummary?: string };
    type AxeRule = { id: string; impact?: string | null; help: string; nodes: AxeNode[] };
    const axe = (
      globalThis as unknown as {
        axe: {
          run(context: unknown, options: unknown): Promise<{ violations: AxeRule[]; passes: AxeRule[] }>;
        };
      }
    ).axe;
    const results = await axe.run(selector ? { include: [selector] } : document, {
      resultTypes: ["violations", "passes"],
    });
    return {
      violations: results.violations
        .filter((rule) => rule.impact === "serious" || rule.impact === "critical")
        .map((rule) => ({
          rule: rule.id,
          impact: rule.impact ?? "",
          help: rule.help,
          targets: rule.nodes.map((node) => `${JSON.stringify(node.target)}: ${node.failureSummary ?? ""}`),
        })),
      checkedElements: new Set(
        results.passes.flatMap((rule) => rule.nodes.map((node) => JSON.stringify(node.target))),
      ).size,
    };
  }, include);
}
