import type { PartnerFit } from "./partner";

const CLASSIFICATION_LABELS = { complementary: "Complementary", adjacent: "Adjacent" } as const;

const TRAITS = [
  ["completeness", "Fills a gap"],
  ["overlap", "Market overlap"],
  ["willingness", "Willing to help"],
] as const;

const percent = (score: number) => `${Math.round(score * 100)}%`;

/**
 * Why this partner is worth an intro: the verdict and its one-line summary stay visible, the three
 * parts and their explanations sit in a native disclosure, which is keyboard-operable as it is.
 */
export function ScoreBreakdown({ fit }: { fit: PartnerFit }) {
  const label = CLASSIFICATION_LABELS[fit.classification];
  // The summary usually repeats the verdict ("Adjacent: …"); the badge already says it.
  const summary = fit.summary.startsWith(`${label}: `) ? fit.summary.slice(label.length + 2) : fit.summary;
  return (
    <div class="fit">
      <p class="fit-summary">
        <span class={`badge badge-${fit.classification}`}>{label}</span> {summary}
      </p>
      <details class="why">
        <summary>Why this partner</summary>
        <dl class="traits">
          {TRAITS.map(([trait, name]) => (
            <div class="trait" key={trait}>
              <dt>
                {name} <span class="trait-score">{percent(fit[trait].score)}</span>
              </dt>
              <dd>{fit[trait].explanation}</dd>
            </div>
          ))}
        </dl>
        <p class="overall">Overall fit {percent(fit.total)}</p>
      </details>
    </div>
  );
}
