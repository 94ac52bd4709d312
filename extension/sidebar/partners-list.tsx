import { useMemo } from "preact/hooks";
import { bestFirst, type ShownPartner } from "./partner";
import { PartnerItem } from "./partner-item";
import type { ActionOutcome } from "./types";

interface PartnersListProps {
  partners: readonly ShownPartner[];
  markWrong(overlapId: string): Promise<ActionOutcome>;
  onMarkedWrong(partner: ShownPartner): void;
}

export function PartnersList({ partners, markWrong, onMarkedWrong }: PartnersListProps) {
  const ranked = useMemo(() => bestFirst(partners), [partners]);
  return (
    <ul class="partners">
      {ranked.map((partner) => (
        <PartnerItem
          key={partner.overlapId}
          partner={partner}
          markWrong={markWrong}
          onMarkedWrong={onMarkedWrong}
        />
      ))}
    </ul>
  );
}
