import { getTranslations } from 'next-intl/server';
import styles from './dashboard.module.css';

/** Share of raters on each scale point as one stacked bar, with the numbers written out for screen readers. */
export async function DistributionBar({
  percents,
  scaleLabels,
}: {
  percents: number[];
  scaleLabels: string[];
}) {
  const t = await getTranslations('dashboard.thesis');
  const description = percents.map((percent, index) => `${scaleLabels[index]}: ${percent} %`).join(', ');
  return (
    <div className={styles.distribution}>
      <div className={styles.distributionBar} role="img" aria-label={`${t('distribution')}: ${description}`}>
        {percents.map((percent, index) =>
          percent > 0 ? (
            <span
              key={index}
              className={styles.distributionSegment}
              data-point={index + 1}
              style={{ width: `${percent}%` }}
              title={`${scaleLabels[index]}: ${percent} %`}
            >
              {percent >= 12 ? `${percent}%` : ''}
            </span>
          ) : null,
        )}
      </div>
      <div className={styles.distributionScale} aria-hidden="true">
        <span>1</span>
        <span>5</span>
      </div>
    </div>
  );
}
