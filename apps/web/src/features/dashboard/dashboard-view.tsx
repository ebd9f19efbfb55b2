import type { LeaderDashboard } from '@resonance/contracts';
import { type Locale, RATER_GROUP_LABELS, SCALE_LABELS, type Score } from '@resonance/domain';
import { getFormatter, getTranslations } from 'next-intl/server';
import { TableRegion } from '@/components/table-region';
import styles from './dashboard.module.css';
import {
  gapTheses,
  isShown,
  previousMean,
  previousRound,
  suggestionFor,
  thesisTexts,
  thesisTitle,
} from './dashboard-model';
import { InsufficientBadge } from './insufficient-badge';
import { RadarChart, type RadarSeries } from './radar-chart';
import { ThesisCard } from './thesis-card';
import { TrendChart } from './trend-chart';
import { WithheldBadge } from './withheld-badge';

/** The whole report for one leader and one closed round; every section is also a printed page. */
export async function DashboardView({ dashboard, locale }: { dashboard: LeaderDashboard; locale: Locale }) {
  const t = await getTranslations('dashboard');
  const format = await getFormatter();
  const score = (value: number | null | undefined) =>
    value === null || value === undefined
      ? '–'
      : format.number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = (value: number) =>
    format.number(value, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

  const texts = thesisTexts(dashboard.round.questionnaireVersion);
  const title = (key: (typeof dashboard.theses)[number]['thesis']) => thesisTitle(texts, key, locale);
  const scaleLabels = ([1, 2, 3, 4, 5] as Score[]).map((point) => SCALE_LABELS[point][locale]);
  const previous = previousRound(dashboard);
  const hasSelf = dashboard.theses.some((thesis) => thesis.self);
  const shownCount = dashboard.theses.filter((thesis) => isShown(thesis.others)).length;
  const withheldGroups = dashboard.groups.filter((group) => group.withheld);

  const radarSeries: RadarSeries[] = [
    {
      kind: 'current',
      label: t('series.current', { round: dashboard.round.name }),
      values: dashboard.theses.map((thesis) => (isShown(thesis.others) ? thesis.others.mean : null)),
    },
  ];
  if (previous) {
    radarSeries.push({
      kind: 'previous',
      label: t('series.previous', { round: previous.name }),
      values: dashboard.theses.map((thesis) => previousMean(dashboard, thesis)),
    });
  }
  if (hasSelf) {
    radarSeries.push({
      kind: 'self',
      label: t('series.self'),
      values: dashboard.theses.map((thesis) => thesis.self?.score ?? null),
    });
  }

  const blindSpots = gapTheses(dashboard, 'blind_spot');
  const hiddenStrengths = gapTheses(dashboard, 'hidden_strength');
  const commented = dashboard.theses.filter((thesis) => thesis.comments.length > 0);
  const weakestSuggestions = dashboard.weakest ? (texts.get(dashboard.weakest)?.suggestions ?? []) : [];

  return (
    <div className="stack stack--lg">
      <section className={`card ${styles.groups}`} aria-labelledby="groups-title">
        <div className="stack stack--sm">
          <h2 id="groups-title" className="card__title">
            {t('groups.title')}
          </h2>
          <p className="small muted">{t('groups.lead', { k: dashboard.k })}</p>
        </div>
        <ul className={styles.groupChips}>
          {dashboard.groups.map((group) => (
            <li
              key={group.raterGroup}
              className={styles.groupChip}
              data-group={group.raterGroup}
              data-withheld={group.withheld || undefined}
            >
              <span className={styles.groupChipName}>
                {RATER_GROUP_LABELS[group.raterGroup][locale]}
                {group.identifiable && <span className="badge">{t('identifiable')}</span>}
              </span>
              {group.withheld ? (
                <WithheldBadge />
              ) : group.responses.status === 'shown' ? (
                <span className="small tabular">
                  {t('groups.responses', { count: group.responses.count })}
                </span>
              ) : (
                <InsufficientBadge k={dashboard.k} compact />
              )}
            </li>
          ))}
        </ul>
        {withheldGroups.length > 0 && (
          <div className="callout callout--info" data-withheld-note="true">
            <div>
              <p className="callout__title">
                {t('groups.withheldTitle', {
                  groups: withheldGroups
                    .map((group) => RATER_GROUP_LABELS[group.raterGroup][locale])
                    .join(', '),
                })}
              </p>
              <p>{t('groups.withheldBody', { k: dashboard.k })}</p>
            </div>
          </div>
        )}
      </section>

      <section className={styles.overview} aria-labelledby="overview-title">
        <h2 id="overview-title" className="visually-hidden">
          {t('overview.title')}
        </h2>
        <div className={`card ${styles.radarCard}`}>
          <div className="card__header">
            <h3 className="card__title">{t('radar.title')}</h3>
            <p className="card__subtitle">{t('radar.subtitle')}</p>
          </div>
          {shownCount === 0 ? (
            <p className="callout">
              {withheldGroups.length > 0
                ? t('radar.nothingShownWithheld', { k: dashboard.k })
                : t('radar.nothingShown', { k: dashboard.k })}
            </p>
          ) : null}
          <RadarChart
            labels={dashboard.theses.map((thesis) => title(thesis.thesis))}
            series={radarSeries}
            description={t('radar.description', { count: shownCount })}
          />
          <details className={styles.dataTable}>
            <summary>{t('dataTable')}</summary>
            <TableRegion label={t('radar.title')}>
              <table className="table">
                <caption className="visually-hidden">{t('radar.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('thesisColumn')}</th>
                    {radarSeries.map((entry) => (
                      <th scope="col" className="num" key={entry.kind}>
                        {entry.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {dashboard.theses.map((thesis, index) => (
                    <tr key={thesis.thesis}>
                      <th scope="row">{title(thesis.thesis)}</th>
                      {radarSeries.map((entry) => (
                        <td className="num" key={entry.kind}>
                          {entry.values[index] === null ? t('insufficientShort') : score(entry.values[index])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </details>
        </div>

        <div className={`card ${styles.highlights}`}>
          <h3 className="card__title">{t('highlights.title')}</h3>
          <dl className={styles.highlightList}>
            <div>
              <dt>{t('highlights.strongest')}</dt>
              <dd>{dashboard.strongest ? title(dashboard.strongest) : t('highlights.none')}</dd>
            </div>
            <div>
              <dt>{t('highlights.weakest')}</dt>
              <dd>{dashboard.weakest ? title(dashboard.weakest) : t('highlights.none')}</dd>
            </div>
            <div>
              <dt>{t('highlights.blindSpots')}</dt>
              <dd>{blindSpots.length}</dd>
            </div>
            <div>
              <dt>{t('highlights.hiddenStrengths')}</dt>
              <dd>{hiddenStrengths.length}</dd>
            </div>
          </dl>
          {dashboard.weakest && weakestSuggestions.length > 0 && (
            <div className={styles.focus}>
              <p className={styles.suggestionLabel}>
                {t('highlights.focus', { thesis: title(dashboard.weakest) })}
              </p>
              <ul>
                {weakestSuggestions.map((suggestion) => (
                  <li key={suggestion.en}>{suggestion[locale]}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </section>

      <section className="card print-section" aria-labelledby="trend-title">
        <div className="card__header">
          <h2 id="trend-title" className="card__title">
            {t('trend.title')}
          </h2>
          <p className="card__subtitle">{t('trend.subtitle', { count: dashboard.rounds.length })}</p>
        </div>
        {dashboard.rounds.length < 2 && <p className="callout callout--info">{t('trend.single')}</p>}
        <TrendChart
          rounds={dashboard.rounds.map((round) => round.name)}
          series={dashboard.theses.map((thesis) => ({
            label: title(thesis.thesis),
            values: dashboard.rounds.map(
              (round) => thesis.trend.find((point) => point.roundId === round.id)?.mean ?? null,
            ),
          }))}
          description={t('trend.description', { count: dashboard.rounds.length })}
        />
        <details className={styles.dataTable}>
          <summary>{t('dataTable')}</summary>
          <TableRegion label={t('trend.title')}>
            <table className="table">
              <caption className="visually-hidden">{t('trend.title')}</caption>
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
                      const mean = thesis.trend.find((point) => point.roundId === round.id)?.mean ?? null;
                      return (
                        <td className="num" key={round.id}>
                          {mean === null ? t('insufficientShort') : score(mean)}
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

      <section className="section print-section" aria-labelledby="theses-title">
        <div className="section__header">
          <h2 id="theses-title">{t('theses.title')}</h2>
          <p className="muted small">{t('theses.lead')}</p>
        </div>
        <div className={styles.thesisGrid}>
          {dashboard.theses.map((thesis) => (
            <ThesisCard
              key={thesis.thesis}
              result={thesis}
              title={title(thesis.thesis)}
              summary={texts.get(thesis.thesis)?.summary[locale] ?? ''}
              suggestion={suggestionFor(texts, thesis.thesis, dashboard.round.id, locale)}
              k={dashboard.k}
              withheldGroups={withheldGroups.map((group) => group.raterGroup)}
              locale={locale}
              scaleLabels={scaleLabels}
              highlight={
                thesis.thesis === dashboard.strongest
                  ? 'strongest'
                  : thesis.thesis === dashboard.weakest
                    ? 'weakest'
                    : undefined
              }
            />
          ))}
        </div>
      </section>

      <section className="section print-section" aria-labelledby="gaps-title">
        <div className="section__header">
          <h2 id="gaps-title">{t('gaps.title')}</h2>
          <p className="muted small">{t('gaps.lead')}</p>
        </div>
        {!hasSelf ? (
          <p className="callout">{t('gaps.noSelf')}</p>
        ) : (
          <div className={styles.gapColumns}>
            {(
              [
                ['blindSpots', blindSpots],
                ['hiddenStrengths', hiddenStrengths],
              ] as const
            ).map(([kind, list]) => (
              <div className="card" key={kind}>
                <h3 className="card__title">{t(`gaps.${kind}.title`)}</h3>
                <p className="small muted">{t(`gaps.${kind}.lead`)}</p>
                {list.length === 0 ? (
                  <p className={styles.gapEmpty}>{t(`gaps.${kind}.none`)}</p>
                ) : (
                  <ul className={styles.gapList}>
                    {list.map((thesis) => (
                      <li key={thesis.thesis}>
                        <span className={styles.gapThesis}>{title(thesis.thesis)}</span>
                        <span className="small muted tabular">
                          {t('gaps.figures', {
                            self: score(thesis.self?.score),
                            others: isShown(thesis.others) ? score(thesis.others.mean) : '–',
                            gap: signed(thesis.selfOtherGap?.gap ?? 0),
                          })}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </div>
        )}
      </section>

      <section className="section print-section" aria-labelledby="comments-title">
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
          <div className="stack">
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
    </div>
  );
}
