import type { GatedParticipation } from '@resonance/contracts';
import { getFormatter, getTranslations } from 'next-intl/server';
import { InsufficientBadge } from '@/features/dashboard/insufficient-badge';

/** Answered of invited as a rate with a bar; below k only the "not enough" state, no count. */
export async function ParticipationFigure({
  participation,
  k,
}: {
  participation: GatedParticipation;
  k: number;
}) {
  const t = await getTranslations('rounds.participation');
  const format = await getFormatter();
  if (participation.status === 'insufficient') return <InsufficientBadge k={k} compact short />;
  return (
    <span className="participation">
      <span className="participation__bar" aria-hidden="true">
        <span style={{ width: `${Math.round(participation.rate * 100)}%` }} />
      </span>
      <span className="tabular small">
        {t('figure', {
          answered: participation.answered,
          invited: participation.invited,
          rate: format.number(participation.rate, { style: 'percent' }),
        })}
      </span>
    </span>
  );
}
