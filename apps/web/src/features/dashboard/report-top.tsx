import type { LeaderDashboard } from '@resonance/contracts';
import type { Locale } from '@resonance/domain';
import { getTranslations } from 'next-intl/server';
import { ChangeBadge } from './change-badge';
import styles from './dashboard.module.css';
import { isShown, suggestionFor, type thesisTexts, thesisTitle } from './dashboard-model';
import type { ReportFormats } from './report-format';
import { highlightFacts } from './report-model';

/**
 * The top of the report: two strengths and the two theses with most potential, each with its score,
 * change and organisation average, why it was picked, and one thing to do about it.
 */
export async function ReportTop({
  dashboard,
  texts,
  locale,
  formats,
}: {
  dashboard: LeaderDashboard;
  texts: ReturnType<typeof thesisTexts>;
  locale: Locale;
  formats: ReportFormats;
}) {
  const t = await getTranslations('dashboard');
  const { strengths, potential } = dashboard.highlights;
  const byKey = new Map(dashboard.theses.map((result) => [result.thesis, result]));

  const card = (side: 'strength' | 'potential', highlight: (typeof strengths)[number]) => {
    const result = byKey.get(highlight.thesis);
    if (!result || !isShown(result.others)) return null;
    const facts = highlightFacts(highlight, result);
    const values = {
      // The words say the direction ("rose by", "below"); the figures are sizes.
      delta: formats.score(Math.abs(facts.delta ?? 0)),
      difference: formats.score(facts.difference ?? 0),
      gap: formats.score(Math.abs(facts.gap ?? 0)),
    };
    const idea =
      side === 'potential'
        ? suggestionFor(texts, highlight.thesis, dashboard.round.id, locale)
        : t(`buildOn.${highlight.thesis}`);
    return (
      <li
        key={highlight.thesis}
        className={styles.highlightCard}
        data-highlight={side}
        data-highlight-thesis={highlight.thesis}
      >
        <h4 className={styles.highlightTitle}>{thesisTitle(texts, highlight.thesis, locale)}</h4>
        <p className={styles.highlightFigures}>
          <span className={styles.highlightScore}>
            {formats.score(result.others.mean)}
            <span className={styles.scoreOutOf}> {t('thesis.outOf')}</span>
          </span>
          <span className="small">
            {t('thesis.org')}{' '}
            <strong className="tabular">
              {isShown(result.orgAverage) ? formats.score(result.orgAverage.mean) : '–'}
            </strong>
          </span>
          <ChangeBadge change={result.change} formats={formats} />
        </p>
        <p className={styles.highlightReason}>{t(`top.reason.${facts.reason}`, values)}</p>
        {idea && (
          <div className={styles.highlightIdea}>
            <p className={styles.suggestionLabel}>
              {side === 'potential' ? t('top.tryThis') : t('top.buildOn')}
            </p>
            <p>{idea}</p>
          </div>
        )}
      </li>
    );
  };

  return (
    <section className={`card ${styles.top}`} aria-labelledby="top-title">
      <div className="card__header">
        <h2 id="top-title" className="card__title">
          {t('top.title')}
        </h2>
        <p className="card__subtitle">{t('top.lead')}</p>
      </div>
      {strengths.length + potential.length === 0 ? (
        <p className="callout">{t('top.none')}</p>
      ) : (
        <div className={styles.topColumns}>
          <div className={styles.topColumn} data-side="strengths">
            <h3 className={styles.topColumnTitle}>{t('top.strengths')}</h3>
            <ul className={styles.highlightList}>
              {strengths.map((highlight) => card('strength', highlight))}
            </ul>
          </div>
          <div className={styles.topColumn} data-side="potential">
            <h3 className={styles.topColumnTitle}>{t('top.potential')}</h3>
            <ul className={styles.highlightList}>
              {potential.map((highlight) => card('potential', highlight))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
