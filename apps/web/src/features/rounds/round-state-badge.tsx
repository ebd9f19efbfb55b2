import type { RoundStateValue } from '@resonance/contracts';
import { getTranslations } from 'next-intl/server';

const TONE: Record<RoundStateValue, string> = {
  draft: '',
  scheduled: 'badge--info',
  open: 'badge--positive',
  closed: 'badge--primary',
  archived: '',
};

export async function RoundStateBadge({ state }: { state: RoundStateValue }) {
  const t = await getTranslations('rounds.state');
  return (
    <span className={`badge ${TONE[state]}`} data-state={state}>
      {t(state)}
    </span>
  );
}
