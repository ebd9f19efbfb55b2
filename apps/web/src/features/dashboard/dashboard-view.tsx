import type { LeaderDashboard } from '@resonance/contracts';
import { type Locale, SCALE_LABELS, type Score } from '@resonance/domain';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { TableRegion } from '@/components/table-region';
import styles from './dashboard.module.css';
import { isShown, suggestionFor, thesisTexts, thesisTitle } from './dashboard-model';
import { GapHistoryTable } from './gap-history';
import { ReportBasis } from './report-basis';
import { reportFormats } from './report-format';
import { orderTheses, THESIS_ORDERS, type ThesisOrder } from './report-model';
import { ReportTop } from './report-top';
import { ThesisCard } from './thesis-card';
import { TrendLegend, TrendMultiple, type TrendPoint } from './trend-multiples';

/**
 * The whole report for one leader and one closed round: what it rests on, strengths and potential,
 * thesis by thesis, trends, self versus others, comments and how to read the figures. Rendered on
 * the server without a chart library, so it costs the browser no script and prints as it looks.
 */
export async function DashboardView({
  dashboard,
  locale,
  order,
  orderHref,
}: {
  dashboard: LeaderDashboard;
  locale: Locale;
  order: ThesisOrder;
  /** The page's URL with another thesis order, keeping the leader and round. */
  orderHref: (order: ThesisOrder) => string;
}) {
  const t = await getTranslations('dashboard');
  const format = await getFormatter();
  const formats = reportFormats(format);
  const { score } = formats;

  const texts = thesisTexts(dashboard.round.questionnaireVersion);
  const title = (key: (typeof dashboard.theses)[number]['thesis']) => thesisTitle(texts, key, locale);
  const scaleLabels = ([1, 2, 3, 4, 5] as Score[]).map((point) => SCALE_LABELS[point][locale]);
  const hasSelf = dashboard.theses.some((thesis) => thesis.self);
  const withheldGroups = dashboard.groups.filter((group) => group.withheld).map((group) => group.raterGroup);
  const strengths = new Set(dashboard.highlights.strengths.map((highlight) => highlight.thesis));
  const potential = new Set(dashboard.highlights.potential.map((highlight) => highlight.thesis));
  const commented = dashboard.theses.filter((thesis) => thesis.comments.length > 0);

  const roundById = new Map(dashboard.rounds.map((round) => [round.id, round]));
  // Axis labels: month and year, or day and month where two rounds closed in the same month.
  const monthLabels = dashboard.rounds.map((round) =>
    format.dateTime(new Date(round.closesAt), { month: 'short', year: '2-digit' }),
  );
  const dayLabels = dashboard.rounds.map((round) =>
    format.dateTime(new Date(round.closesAt), { day: 'numeric', month: 'short' }),
  );
  const distinct = (labels: string[]) => new Set(labels).size === labels.length;
  const shortLabels = distinct(monthLabels)
    ? monthLabels
    : distinct(dayLabels)
      ? dayLabels
      : dashboard.rounds.map((round) => round.name);
  const shortRound = (roundId: string) =>
    shortLabels[dashboard.rounds.findIndex((round) => round.id === roundId)] ?? '';
  const trendPoints = (thesis: (typeof dashboard.theses)[number]): TrendPoint[] =>
    dashboard.rounds.map((round) => {
      const point = thesis.trend.find((entry) => entry.roundId === round.id);
      return {
        label: shortRound(round.id),
        mean: point?.mean ?? null,
        ci95: point?.ci95 ?? null,
        self: point?.self ?? null,
        org: point?.orgMean ?? null,
        selected: round.id === dashboard.round.id,
      };
    });

  const legend = (
    <TrendLegend
      labels={{
        mean: t('trend.legend.mean'),
        band: t('trend.legend.band'),
        org: t('trend.legend.org'),
        self: hasSelf ? t('trend.legend.self') : null,
      }}
    />
  );

  return (
    <div className={`stack stack--lg ${styles.report}`}>
      <ReportBasis dashboard={dashboard} locale={locale} />

      <ReportTop dashboard={dashboard} texts={texts} locale={locale} formats={formats} />

      <section className={`section ${styles.thesesSection}`} aria-labelledby="theses-title">
        <div className={styles.sectionHeaderRow}>
          <div className="section__header">
            <h2 id="theses-title">{t('theses.title')}</h2>
            <p className={`muted small ${styles.thesesLead}`}>{t('theses.lead')}</p>
            {legend}
          </div>
          <nav className={`${styles.orderNav} no-print`} aria-label={t('theses.order.label')}>
            <span className="small muted" aria-hidden="true">
              {t('theses.order.label')}:
            </span>
            {THESIS_ORDERS.map((option) => (
              <Link
                key={option}
                href={orderHref(option)}
                scroll={false}
                className={styles.orderLink}
                aria-current={option === order ? 'true' : undefined}
              >
                {t(`theses.order.${option}`)}
              </Link>
            ))}
          </nav>
        </div>
        <div className={styles.thesisGrid}>
          {orderTheses(dashboard, order).map((thesis) => (
            <ThesisCard
              key={thesis.thesis}
              result={thesis}
              title={title(thesis.thesis)}
              summary={texts.get(thesis.thesis)?.summary[locale] ?? ''}
              suggestion={suggestionFor(texts, thesis.thesis, dashboard.round.id, locale)}
              k={dashboard.k}
              withheldGroups={withheldGroups}
              locale={locale}
              scaleLabels={scaleLabels}
              formats={formats}
              highlight={
                strengths.has(thesis.thesis)
                  ? 'strength'
                  : potential.has(thesis.thesis)
                    ? 'potential'
                    : undefined
              }
            />
          ))}
        </div>
      </section>

      <section className={`section ${styles.trendSection}`} aria-labelledby="trend-title">
        <div className="section__header">
          <h2 id="trend-title">{t('trend.title')}</h2>
          <p className="muted small">{t('trend.subtitle', { count: dashboard.rounds.length })}</p>
        </div>
        {dashboard.rounds.length < 2 && <p className="callout callout--info">{t('trend.single')}</p>}
        {legend}
        <ul className={styles.trendGrid}>
          {orderTheses(dashboard, order).map((thesis) => {
            const latest = isShown(thesis.others) ? score(thesis.others.mean) : t('insufficientShort');
            return (
              <li key={thesis.thesis} className={styles.trendCell} data-trend={thesis.thesis}>
                <h3 className={styles.trendTitle}>
                  <span>{title(thesis.thesis)}</span>
                  <span className="tabular">{latest}</span>
                </h3>
                <TrendMultiple
                  points={trendPoints(thesis)}
                  label={t('trend.chart', {
                    thesis: title(thesis.thesis),
                    count: dashboard.rounds.length,
                    latest,
                  })}
                />
              </li>
            );
          })}
        </ul>
        <details className={styles.dataTable}>
          <summary>{t('dataTable')}</summary>
          <TableRegion label={t('trend.table')}>
            <table className="table">
              <caption className="visually-hidden">{t('trend.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('thesisColumn')}</th>
                  {dashboard.rounds.map((round) => (
                    <th scope="col" className="num" key={round.id}>
                      {round.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {dashboard.theses.map((thesis) => (
                  <tr key={thesis.thesis}>
                    <th scope="row">{title(thesis.thesis)}</th>
                    {dashboard.rounds.map((round) => {
                      const point = thesis.trend.find((entry) => entry.roundId === round.id);
                      return (
                        <td className="num" key={round.id}>
                          {point?.mean === null || point?.mean === undefined
                            ? t('insufficientShort')
                            : point.ci95
                              ? t('trend.cell', {
                                  mean: score(point.mean),
                                  low: score(point.ci95[0]),
                                  high: score(point.ci95[1]),
                                })
                              : score(point.mean)}
                          {point?.self !== null && point?.self !== undefined && (
                            <>
                              <br />
                              {t('trend.selfShort', { value: score(point.self) })}
                            </>
                          )}
                          {point?.orgMean !== null && point?.orgMean !== undefined && (
                            <>
                              <br />
                              {t('trend.orgShort', { value: score(point.orgMean) })}
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </details>
      </section>

      <section className={`section ${styles.gapSection}`} aria-labelledby="gaps-title">
        <div className="section__header">
          <h2 id="gaps-title">{t('gaps.title')}</h2>
          <p className="muted small">{t('gaps.lead')}</p>
        </div>
        {!hasSelf ? (
          <p className="callout">{t('gaps.noSelf')}</p>
        ) : (
          <GapHistoryTable
            dashboard={dashboard}
            texts={texts}
            locale={locale}
            formats={formats}
            roundLabel={(roundId) => roundById.get(roundId)?.name ?? ''}
            shortRoundLabel={shortRound}
          />
        )}
      </section>

      <section className={`section ${styles.commentSection}`} aria-labelledby="comments-title">
        <div className="section__header">
          <h2 id="comments-title">{t('comments.title')}</h2>
          <p className="muted small">{t('comments.lead', { k: dashboard.k })}</p>
        </div>
        <div className={styles.commentColumns}>
          {(
            [
              ['keepDoing', dashboard.keepDoing],
              ['startDoing', dashboard.startDoing],
            ] as const
          ).map(([kind, list]) => (
            <div className="card" key={kind}>
              <h3 className="card__title">{t(`comments.${kind}`)}</h3>
              {list.length === 0 ? (
                <p className={styles.gapEmpty}>{t('comments.none')}</p>
              ) : (
                <ul className={styles.commentList}>
                  {list.map((comment, index) => (
                    <li key={index}>{comment}</li>
                  ))}
                </ul>
              )}
            </div>
          ))}
        </div>
        {commented.length === 0 ? (
          <p className="callout">{t('comments.noThesisComments')}</p>
        ) : (
          <div className={styles.commentColumns}>
            {commented.map((thesis) => (
              <div className="card" key={thesis.thesis}>
                <h3 className="card__title">{title(thesis.thesis)}</h3>
                <ul className={styles.commentList}>
                  {thesis.comments.map((comment, index) => (
                    <li key={index}>{comment}</li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
      </section>

      <section className={`section ${styles.notes}`} aria-labelledby="notes-title">
        <h2 id="notes-title">{t('notes.title')}</h2>
        <ul className={styles.notesList}>
          <li>{t('notes.score', { k: dashboard.k })}</li>
          <li>{t('notes.favourable')}</li>
          <li>{t('notes.change')}</li>
          <li>{t('notes.range')}</li>
          <li>{t('notes.band')}</li>
        </ul>
      </section>
    </div>
  );
}
