import type { LeaderThesisResult } from '@resonance/contracts';
import { type Locale, RATER_GROUP_LABELS, type RaterGroup } from '@resonance/domain';
import { getFormatter, getTranslations } from 'next-intl/server';
import styles from './dashboard.module.css';
import { isShown } from './dashboard-model';
import { DistributionBar } from './distribution-bar';
import { InsufficientBadge } from './insufficient-badge';
import { WithheldBadge } from './withheld-badge';

export async function ThesisCard({
  result,
  title,
  summary,
  suggestion,
  k,
  withheldGroups,
  locale,
  scaleLabels,
  highlight,
}: {
  result: LeaderThesisResult;
  title: string;
  summary: string;
  suggestion: string | undefined;
  k: number;
  /** Groups hidden this round against cross-round differencing: worded apart from "not enough". */
  withheldGroups: readonly RaterGroup[];
  locale: Locale;
  scaleLabels: string[];
  highlight: 'strongest' | 'weakest' | undefined;
}) {
  const t = await getTranslations('dashboard.thesis');
  const format = await getFormatter();
  const score = (value: number) =>
    format.number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = (value: number) =>
    format.number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const { others, change, self, selfOtherGap, orgAverage } = result;

  return (
    <article
      className={`card ${styles.thesisCard}`}
      aria-labelledby={`thesis-${result.thesis}`}
      data-thesis={result.thesis}
    >
      <header className={styles.thesisHeader}>
        <div className="stack stack--sm">
          <h3 id={`thesis-${result.thesis}`} className={styles.thesisTitle}>
            {title}
          </h3>
          <p className="small muted">{summary}</p>
        </div>
        {highlight && (
          <span className={`badge ${highlight === 'strongest' ? 'badge--positive' : 'badge--warning'}`}>
            {t(highlight)}
          </span>
        )}
      </header>

      {isShown(others) ? (
        <>
          <div className={styles.scoreRow}>
            <div className={styles.score}>
              <span className={styles.scoreValue}>{score(others.mean)}</span>
              <span className={styles.scoreOutOf}>{t('outOf')}</span>
            </div>
            <div className="stack stack--sm">
              {change ? (
                <span
                  className={`badge ${change.beyondNoise ? (change.delta > 0 ? 'badge--positive' : 'badge--negative') : ''}`}
                >
                  <span aria-hidden="true">{change.delta > 0 ? '▲' : change.delta < 0 ? '▼' : '▶'}</span>
                  {t('change', { delta: signed(change.delta) })}
                </span>
              ) : (
                <span className="badge">{t('noPrevious')}</span>
              )}
              {change && (
                <span className="small muted">
                  {change.beyondNoise ? t('beyondNoise') : t('withinNoise')}
                </span>
              )}
            </div>
          </div>
          <dl className={styles.figures}>
            <div>
              <dt>{t('favourable')}</dt>
              <dd>{format.number(others.favourablePercent / 100, { style: 'percent' })}</dd>
            </div>
            <div>
              <dt>{t('responses')}</dt>
              <dd className="tabular">{format.number(others.n)}</dd>
            </div>
            <div>
              <dt>{t('orgAverage')}</dt>
              <dd>
                {isShown(orgAverage) ? score(orgAverage.mean) : <InsufficientBadge k={k} compact short />}
              </dd>
            </div>
            {others.ci95 && (
              <div>
                <dt>{t('ci')}</dt>
                <dd>
                  {score(others.ci95[0])}–{score(others.ci95[1])}
                </dd>
              </div>
            )}
          </dl>
          <DistributionBar percents={others.distributionPercent} scaleLabels={scaleLabels} />
        </>
      ) : (
        <div className={styles.insufficientBlock}>
          {withheldGroups.length > 0 ? (
            <>
              <WithheldBadge />
              <p className="small muted">{t('withheldBody', { k })}</p>
            </>
          ) : (
            <>
              <InsufficientBadge k={k} />
              <p className="small muted">{t('insufficientBody', { k })}</p>
            </>
          )}
        </div>
      )}

      {self && (
        <div className={styles.selfRow}>
          <span>
            {t('self')}: <strong>{score(self.score)}</strong>
          </span>
          {selfOtherGap && (
            <span
              className={`badge ${selfOtherGap.kind === 'blind_spot' ? 'badge--warning' : selfOtherGap.kind === 'hidden_strength' ? 'badge--info' : ''}`}
            >
              {t(`gap.${selfOtherGap.kind}`, { gap: signed(selfOtherGap.gap) })}
            </span>
          )}
        </div>
      )}

      {result.groups.length > 0 && (
        <ul className={styles.groupList} aria-label={t('byGroup')}>
          {result.groups.map((group) => (
            <li key={group.raterGroup}>
              <span>
                {RATER_GROUP_LABELS[group.raterGroup][locale]}
                {group.identifiable && <span className="visually-hidden"> ({t('identifiable')})</span>}
                {group.identifiable && (
                  <span className={styles.identifiableMark} aria-hidden="true" title={t('identifiable')}>
                    ◉
                  </span>
                )}
              </span>
              {withheldGroups.includes(group.raterGroup) ? (
                <WithheldBadge short />
              ) : isShown(group.stats) ? (
                <span className={styles.groupFigure}>
                  <strong className="tabular">{score(group.stats.mean)}</strong>
                  <span className="small muted tabular">{t('groupN', { n: group.stats.n })}</span>
                </span>
              ) : (
                <InsufficientBadge k={k} compact short />
              )}
            </li>
          ))}
        </ul>
      )}

      {suggestion && (
        <div className={styles.suggestion}>
          <p className={styles.suggestionLabel}>{t('tryNext')}</p>
          <p>{suggestion}</p>
        </div>
      )}
    </article>
  );
}
