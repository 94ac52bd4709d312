import { NotAMatch } from "./not-a-match";
import { matchDescription, type ShownPartner } from "./partner";
import { RequestIntro } from "./request-intro";
import { ScoreBreakdown } from "./score-breakdown";
import type { ActionOutcome } from "./types";

const RELATIONSHIP_LABELS = {
  customer: "Their customer",
  opportunity: "Open opportunity on their side",
  prospect: "Their prospect",
} as const;

interface PartnerItemProps {
  partner: ShownPartner;
  markWrong(overlapId: string): Promise<ActionOutcome>;
  onMarkedWrong(partner: ShownPartner): void;
}

export function PartnerItem({ partner, markWrong, onMarkedWrong }: PartnerItemProps) {
  const nameId = `cosell-partner-${partner.overlapId}`;
  const owner = partner.owner && [partner.owner.name, partner.owner.email].filter(Boolean).join(" · ");
  return (
    <li class="partner" aria-labelledby={nameId}>
      <h3 class="partner-name" id={nameId} dir="auto">
        {partner.partner.name}
      </h3>
      {partner.relationship && <p class="detail">{RELATIONSHIP_LABELS[partner.relationship]}</p>}
      {owner && <p class="detail">Owner: {owner}</p>}
      <p class="detail">{matchDescription(partner)}</p>
      {/* Named after the partner: a screen reader tabbing from one partner's Request intro to the
          next's says whose they are on the way in, which the heading above can't. */}
      <fieldset class="controls" aria-labelledby={nameId}>
        {partner.score && <ScoreBreakdown fit={partner.score} />}
        <div class="actions">
          <RequestIntro partnerName={partner.partner.name} />
          <NotAMatch
            partnerName={partner.partner.name}
            markWrong={() => markWrong(partner.overlapId)}
            onMarked={() => onMarkedWrong(partner)}
          />
        </div>
      </fieldset>
    </li>
  );
}
