import { listPhrase, lowerFirst, sentenceOf } from "./phrases";
import type { AccountContext, OpenNeed, PartnerProfile, TraitAssessment, VendorSolutionMap } from "./schemas";
import { inCatalogueOrder, SOLUTION_AREAS, type SolutionArea } from "./solution-areas";

/** Filling one open need makes a partner clearly complementary; each further need adds less. */
const CREDIT_PER_NEED = 0.75;
/** Share of the score lost when every area a partner offers is one our product already covers. */
const DUPLICATION_PENALTY = 0.5;
/** A need limited to some industries, segments or regions counts half when the account doesn't say which. */
const UNKNOWN_FIT_WEIGHT = 0.5;

type AccountDimension = "industry" | "segment" | "region";

interface NeedFit {
  need: OpenNeed;
  /** 1 when the need applies to this account, UNKNOWN_FIT_WEIGHT when we can't tell, 0 when it doesn't. */
  weight: number;
  unknown: AccountDimension[];
}

/**
 * How labels typed in a CRM or the solution map compare: ignoring case, runs of spaces of any kind and
 * how a letter is encoded (a separate accent mark, full-width letters). The server counts shared
 * customers in target the same way (server/scoring/shared-customers.ts).
 */
export const labelKey = (label: string) => label.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();
const sameLabel = (a: string, b: string) => labelKey(a) === labelKey(b);

function fitOf(need: OpenNeed, account: AccountContext): NeedFit {
  const restrictions: Array<[AccountDimension, readonly string[] | undefined, string | null]> = [
    ["industry", need.industries, account.industry],
    ["segment", need.segments, account.segment],
    ["region", need.regions, account.region],
  ];
  const unknown: AccountDimension[] = [];
  for (const [dimension, allowed, value] of restrictions) {
    if (!allowed?.length) continue;
    if (value === null) unknown.push(dimension);
    else if (!allowed.some((entry) => sameLabel(entry, value))) return { need, weight: 0, unknown: [] };
  }
  return { need, weight: unknown.length > 0 ? UNKNOWN_FIT_WEIGHT : 1, unknown };
}

/** The best-fitting need per area, because a vendor may leave one area open in several markets. */
function bestFitByArea(needs: readonly OpenNeed[], account: AccountContext): Map<SolutionArea, NeedFit> {
  const best = new Map<SolutionArea, NeedFit>();
  for (const need of needs) {
    const fit = fitOf(need, account);
    const current = best.get(need.area);
    if (!current || fit.weight > current.weight) best.set(need.area, fit);
  }
  return best;
}

const verbsOf = (areas: readonly SolutionArea[]) => areas.map((area) => SOLUTION_AREAS[area].verbPhrase);

function whichOf(count: number): string {
  if (count === 1) return "which";
  return count === 2 ? "both of which" : "all of which";
}

function filledNeedsSentence(filled: readonly NeedFit[], duplicates: readonly SolutionArea[]): string {
  const [top] = filled;
  let sentence = `${sentenceOf(verbsOf(filled.map((fit) => fit.need.area)))}, ${whichOf(filled.length)} our product leaves to partners`;
  if (top && top.unknown.length > 0) {
    const verb = top.unknown.length === 1 ? "isn't" : "aren't";
    sentence += ` in some accounts (this account's ${listPhrase(top.unknown)} ${verb} set)`;
  } else if (top?.need.reason) {
    sentence += ` (${top.need.reason})`;
  }
  if (duplicates.length > 0) {
    sentence += `, but also ${lowerFirst(sentenceOf(verbsOf(duplicates)))}, which we cover ourselves`;
  }
  return sentence;
}

/**
 * Solution completeness: does the partner do something for this account that our product leaves to
 * partners, rather than something our product already does?
 */
export function assessCompleteness(
  partner: PartnerProfile,
  vendor: VendorSolutionMap | null,
  account: AccountContext,
): TraitAssessment {
  const areas = inCatalogueOrder(partner.solutionAreas);
  if (areas.length === 0) {
    return {
      score: 0,
      explanation: `Hasn't told us what they offer${vendor ? "" : ", and we haven't set up our solution map yet"}`,
      shortfallReasons: ["hasn't told us what they offer"],
    };
  }
  // Without the vendor's map there is nothing to complete, so no credit, and the rep learns why.
  if (vendor === null) {
    return {
      score: 0,
      explanation: `${sentenceOf(verbsOf(areas))}; we can't tell whether that completes our product until we set up our solution map`,
      shortfallReasons: ["can't be checked against our product until we set up our solution map"],
    };
  }

  const fits = bestFitByArea(vendor.leavesToPartners, account);
  const covered = new Set(vendor.covers);
  const filled = areas
    .flatMap((area) => {
      const fit = fits.get(area);
      return fit && fit.weight > 0 ? [fit] : [];
    })
    .sort((a, b) => b.weight - a.weight);
  const notNeededHere = areas.filter((area) => fits.get(area)?.weight === 0);
  // An area we leave open for this account is a need even if our product also touches it.
  const duplicates = areas.filter((area) => covered.has(area) && !((fits.get(area)?.weight ?? 0) > 0));

  if (filled.length > 0) {
    const fill = 1 - filled.reduce((unfilled, fit) => unfilled * (1 - CREDIT_PER_NEED * fit.weight), 1);
    return {
      score: fill * (1 - (DUPLICATION_PENALTY * duplicates.length) / areas.length),
      explanation: filledNeedsSentence(filled, duplicates),
      shortfallReasons: [
        duplicates.length > 0
          ? "partly duplicates what our product covers"
          : "fills a gap we leave to partners only in some accounts",
      ],
    };
  }
  if (duplicates.length > 0) {
    return {
      score: 0,
      explanation: `${sentenceOf(verbsOf(duplicates))}, which our product already covers`,
      shortfallReasons: ["duplicates what our product covers"],
    };
  }
  if (notNeededHere.length > 0) {
    return {
      score: 0,
      explanation: `${sentenceOf(verbsOf(notNeededHere))}, which this account doesn't need from a partner`,
      shortfallReasons: ["offers nothing this account needs from a partner"],
    };
  }
  return {
    score: 0,
    explanation: `${sentenceOf(verbsOf(areas))}, which our product doesn't need a partner for`,
    shortfallReasons: ["offers nothing our product leaves to partners"],
  };
}
