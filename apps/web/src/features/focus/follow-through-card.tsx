import type { FollowThrough } from '@resonance/contracts';
import { getTranslations } from 'next-intl/server';
import { api, attempt } from '@/lib/api/server-api';

/** For admins on a closed round: how many of its leaders set a focus after it (a count, never who). */
export async function FollowThroughCard({ roundId }: { roundId: string }) {
  const t = await getTranslations('focus.followThrough');
  const result = await attempt(api<FollowThrough>(`/rounds/${encodeURIComponent(roundId)}/follow-through`));
  if (!result.ok) return null;
  const { leaders, withFocus, shared } = result.data;
  return (
    <section className="card stack stack--sm" aria-labelledby="round-follow-through" data-follow-through>
      <h2 id="round-follow-through" className="card__title">
        {t('title')}
      </h2>
      <p>{t('body', { leaders, withFocus, shared })}</p>
      <p className="muted small">{t('hint')}</p>
    </section>
  );
}
