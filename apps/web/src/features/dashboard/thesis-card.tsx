import type { LeaderThesisResult } from '@resonance/contracts';
import { type Locale, RATER_GROUP_LABELS, type RaterGroup } from '@resonance/domain';
import { getTranslations } from 'next-intl/server';
import { ChangeBadge } from './change-badge';
import styles from './dashboard.module.css';
import { isShown } from './dashboard-model';
import { DistributionBar } from './distribution-bar';
import { InsufficientBadge } from './insufficient-badge';
import type { ReportFormats } from './report-format';
import { ScoreScale } from './score-scale';
import { WithheldBadge } from './withheld-badge';

/**
 * One thesis in the list: the score, its change and the organisation average at a glance; the
 * spread, the groups, the self view and an idea one click away.
 */
export async function ThesisCard({
  result,
  title,
  summary,
  suggestion,
  k,
  withheldGroups,
  locale,
  scaleLabels,
  formats,
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
  formats: ReportFormats;
  highlight: 'strength' | 'potential' | undefined;
}) {
  const t = await getTranslations('dashboard.thesis');
  const { others, change, self, selfOtherGap, orgAverage } = result;
  const { score, gap: gapText, percent } = formats;
  const org = isShown(orgAverage) ? orgAverage.mean : null;

  return (
    <article
      className={`card ${styles.thesisCard}`}
      aria-labelledby={`thesis-${result.thesis}`}
      data-thesis={result.thesis}
    >
      <header className={styles.thesisHeader}>
        <h3 id={`thesis-${result.thesis}`} className={styles.thesisTitle}>
          {title}
        </h3>
        {highlight && (
          <span className={`badge ${highlight === 'strength' ? 'badge--positive' : 'badge--warning'}`}>
            {t(highlight)}
          </span>
        )}
      </header>

      {isShown(others) ? (
        <div className={styles.thesisMain}>
          <p className={styles.score}>
            <span className={styles.scoreValue}>{score(others.mean)}</span>
            <span className={styles.scoreOutOf}>{t('outOf')}</span>
          </p>
          <ScoreScale mean={others.mean} ci95={others.ci95} org={org} self={self?.score ?? null} />
          <div className={styles.thesisFacts}>
            <ChangeBadge change={change} formats={formats} />
            <span className="small">
              {t('org')}{' '}
              {org !== null ? (
                <strong className="tabular">{score(org)}</strong>
              ) : (
                <InsufficientBadge k={k} compact short />
              )}
            </span>
          </div>
        </div>
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

      <details className={styles.thesisDetails}>
        <summary>
          {t('details')}
          <span className="visually-hidden">: {title}</span>
        </summary>
        <div className={styles.thesisDetailsBody}>
          <p className={`small muted ${styles.thesisSummary}`}>{summary}</p>
          {isShown(others) && (
            <>
              <dl className={styles.figures}>
                <div>
                  <dt>{t('raters')}</dt>
                  <dd className="tabular">{others.n}</dd>
                </div>
                <div>
                  <dt>{t('ci')}</dt>
                  <dd className="tabular">
                    {others.ci95 ? `${score(others.ci95[0])}–${score(others.ci95[1])}` : '–'}
                  </dd>
                </div>
                <div>
                  <dt>{t('favourable')}</dt>
                  <dd className="tabular">{percent(others.favourablePercent)}</dd>
                </div>
              </dl>
              <DistributionBar percents={others.distributionPercent} scaleLabels={scaleLabels} />
              <p className={styles.distributionLegend}>{t('distributionLegend')}</p>
            </>
          )}
          {self && (
            <p className={styles.selfRow}>
              <span>
                {t('self')}: <strong className="tabular">{score(self.score)}</strong>
              </span>
              {selfOtherGap && (
                <span
                  className={`badge ${selfOtherGap.kind === 'blind_spot' ? 'badge--warning' : selfOtherGap.kind === 'hidden_strength' ? 'badge--info' : ''}`}
                  data-gap={selfOtherGap.kind}
                >
                  {t(`gap.${selfOtherGap.kind}`, { gap: gapText(selfOtherGap.gap) })}
                </span>
              )}
            </p>
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
          {result.comments.length > 0 && (
            <p className={`small muted ${styles.commentCount}`}>
              {t('comments', { count: result.comments.length })}
            </p>
          )}
          {suggestion && (
            <div className={styles.suggestion}>
              <p className={styles.suggestionLabel}>{t('tryNext')}</p>
              <p>{suggestion}</p>
            </div>
          )}
        </div>
      </details>
    </article>
  );
}
