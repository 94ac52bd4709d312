import { countOf } from "./phrases";
import type { PartnerProfile, PartnerTrackRecord, TraitAssessment } from "./schemas";
import { CLASSIFICATION_THRESHOLDS } from "./thresholds";

/**
 * Intro acceptance is smoothed with a Beta(2, 2) prior: every partner starts as if it had accepted two
 * intros and turned down two. A new partner therefore sits at 50%, one answer moves it to 60% or 40%
 * rather than 100% or 0%, and a long track record outweighs the prior. Unanswered intros that expired
 * count as not accepted, because to the rep asking they are.
 */
const ACCEPTANCE_PRIOR = { accepted: 2, notAccepted: 2 } as const;
/** Response speed is 1 for an instant answer, 0.5 at this many hours, and tends to 0 as answers slow down. */
const HALF_SPEED_HOURS = 24;
/**
 * Before a partner has been asked anything, assume it answers in a day: neither fast nor slow. A
 * partner that has let intros expire without answering any is as slow as can be, not "unknown".
 */
const UNKNOWN_RESPONSE_HOURS = HALF_SPEED_HOURS;
const NEVER_ANSWERS_HOURS = Number.POSITIVE_INFINITY;
/** Acceptance matters more than speed: a quick "no" helps nobody. */
const ACCEPTANCE_SHARE = 0.75;
/** Partners outside the co-sell programme can still be asked, but their reps have no incentive to say yes. */
const NOT_OPTED_IN_FACTOR = 0.6;

/**
 * Below this acceptance rate, a rep should hear "rarely accepts". The smoothed rate, so that one early
 * "no" is not yet a pattern: 0 of 1 is not "rarely", 0 of 2 and 2 of 10 are.
 */
const RARELY_ACCEPTS_BELOW = 0.34;
/**
 * A partner that rarely accepts intros is not a keen co-seller, however fast its "no" comes: its
 * willingness stays just under the bar, so the verdict never says "complementary" while the reasons
 * say "rarely accepts intros".
 */
const RARELY_ACCEPTS_AT_MOST = CLASSIFICATION_THRESHOLDS.willingness - 0.01;
/** Slower than this (3 days), the wait itself is worth mentioning. */
const SLOW_AFTER_HOURS = 72;

function responsePhrase(hours: number | null): string | null {
  if (hours === null) return null;
  if (hours <= 4) return "usually answers within a few hours";
  if (hours <= 24) return "usually answers within a day";
  if (hours <= SLOW_AFTER_HOURS) return `usually answers within ${Math.ceil(hours / 24)} days`;
  return `takes about ${countOf(Math.round(hours / 24), "day")} to answer`;
}

function introsPhrase(accepted: number, asked: number, unanswered: number, rarely: boolean): string {
  if (asked === 0) return "No intros asked yet";
  if (!rarely) {
    // Only reached with one intro: the prior makes two unanswered ones "rarely".
    if (unanswered === asked)
      return `Let ${asked === 1 ? "the one intro" : `all ${asked} intros`} we sent expire unanswered`;
    return `Accepted ${accepted} of ${countOf(asked, "intro")}`;
  }
  const mostlyUnanswered = unanswered * 2 > asked ? "; most went unanswered" : "";
  return `Rarely accepts intros (${accepted} of ${asked}${mostlyUnanswered})`;
}

/** Active co-sell willingness: will the partner's reps actually make the introduction? */
export function assessWillingness(partner: PartnerProfile, record: PartnerTrackRecord): TraitAssessment {
  const accepted = record.introsAccepted;
  const asked = accepted + record.introsDeclined + record.introsExpiredUnanswered;
  const acceptance =
    (accepted + ACCEPTANCE_PRIOR.accepted) /
    (asked + ACCEPTANCE_PRIOR.accepted + ACCEPTANCE_PRIOR.notAccepted);
  const hours =
    record.medianResponseHours ??
    (record.introsExpiredUnanswered > 0 ? NEVER_ANSWERS_HOURS : UNKNOWN_RESPONSE_HOURS);
  const speed = HALF_SPEED_HOURS / (HALF_SPEED_HOURS + hours);
  const rarely = asked > 0 && acceptance < RARELY_ACCEPTS_BELOW;
  const ignored = asked > 0 && record.introsExpiredUnanswered === asked;
  const weighed =
    (ACCEPTANCE_SHARE * acceptance + (1 - ACCEPTANCE_SHARE) * speed) *
    (partner.coSellOptIn ? 1 : NOT_OPTED_IN_FACTOR);
  const score = rarely ? Math.min(weighed, RARELY_ACCEPTS_AT_MOST) : weighed;

  const slow = record.medianResponseHours !== null && record.medianResponseHours > SLOW_AFTER_HOURS;
  const clauses = [
    introsPhrase(accepted, asked, record.introsExpiredUnanswered, rarely),
    responsePhrase(record.medianResponseHours),
  ].filter((clause) => clause !== null);
  const optInNote = partner.coSellOptIn
    ? ""
    : `${asked === 0 || ignored || rarely ? ", and" : ", but"} hasn't opted in to co-selling`;

  const reasons: string[] = [];
  if (rarely) reasons.push("rarely accepts intros");
  else if (ignored) reasons.push("hasn't answered an intro yet");
  if (slow) reasons.push("answers intros slowly");
  if (!partner.coSellOptIn) reasons.push("hasn't opted in to co-selling");

  return {
    score,
    explanation: clauses.join(", ") + optInNote,
    shortfallReasons: reasons.length > 0 ? reasons : ["accepts few intros"],
  };
}
