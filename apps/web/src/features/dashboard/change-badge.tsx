import type { LeaderThesisResult } from '@resonance/contracts';
import { getTranslations } from 'next-intl/server';
import styles from './dashboard.module.css';
import type { ReportFormats } from './report-format';

/**
 * The change since the previous round, with Welch's verdict in words: "beyond noise" (p < 0.05) or
 * "within noise". Coloured only when beyond noise, so colour never claims more than the test does.
 */
export async function ChangeBadge({
  change,
  formats,
}: {
  change: LeaderThesisResult['change'];
  formats: ReportFormats;
}) {
  const t = await getTranslations('dashboard.change');
  if (!change) return <span className="badge">{t('none')}</span>;
  const tone = change.beyondNoise ? (change.delta > 0 ? 'badge--positive' : 'badge--negative') : '';
  return (
    <span className={styles.change} data-beyond-noise={change.beyondNoise}>
      <span className={`badge ${tone}`}>
        <span aria-hidden="true">{change.delta > 0 ? '▲' : change.delta < 0 ? '▼' : '▶'}</span>
        {t('delta', { delta: formats.signed(change.delta) })}
      </span>{' '}
      <span className={change.beyondNoise ? styles.beyondNoise : styles.withinNoise}>
        {change.beyondNoise ? t('beyondNoise') : t('withinNoise')}
      </span>
    </span>
  );
}
