import type { LeaderDashboard } from '@resonance/contracts';
import type { Locale } from '@resonance/domain';
import { getTranslations } from 'next-intl/server';
import { TableRegion } from '@/components/table-region';
import styles from './dashboard.module.css';
import { type thesisTexts, thesisTitle } from './dashboard-model';
import type { ReportFormats } from './report-format';
import { gapHistory, gapKind } from './report-model';

/** Self minus others in every closed round, per thesis, and whether a blind spot or hidden strength is closing. */
export async function GapHistoryTable({
  dashboard,
  texts,
  locale,
  formats,
  roundLabel,
  shortRoundLabel,
}: {
  dashboard: LeaderDashboard;
  texts: ReturnType<typeof thesisTexts>;
  locale: Locale;
  formats: ReportFormats;
  roundLabel: (roundId: string) => string;
  /** For the column headers, so nine theses and every round fit a phone's width. */
  shortRoundLabel: (roundId: string) => string;
}) {
  const t = await getTranslations('dashboard.gaps');
  const tDashboard = await getTranslations('dashboard');
  const histories = dashboard.theses
    .map((result) => ({ result, history: gapHistory(dashboard, result) }))
    .filter(({ history }) => history.points.some((point) => point.gap !== null))
    .sort(
      (a, b) =>
        (b.history.points.at(-1)?.gap ?? Number.NEGATIVE_INFINITY) -
        (a.history.points.at(-1)?.gap ?? Number.NEGATIVE_INFINITY),
    );
  const rounds = histories[0]?.history.points.map((point) => point.roundId) ?? [];

  return (
    <TableRegion label={t('title')}>
      <table className={`table ${styles.gapTable}`}>
        <caption className="visually-hidden">{t('title')}</caption>
        <thead>
          <tr>
            <th scope="col">{tDashboard('thesisColumn')}</th>
            {rounds.map((roundId) => (
              <th scope="col" className="num" key={roundId}>
                <span aria-hidden="true">{shortRoundLabel(roundId)}</span>
                <span className="visually-hidden">{roundLabel(roundId)}</span>
              </th>
            ))}
            <th scope="col">{t('verdictColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {histories.map(({ result, history }) => {
            const was = history.points.find((point) => point.roundId === history.comparedWith)?.gap;
            return (
              <tr key={result.thesis} data-gap-thesis={result.thesis} data-verdict={history.verdict}>
                <th scope="row">{thesisTitle(texts, result.thesis, locale)}</th>
                {history.points.map((point) => {
                  const kind = point.gap === null ? null : gapKind(point.gap);
                  return (
                    <td className="num" key={point.roundId} data-kind={kind ?? undefined}>
                      {point.gap === null ? (
                        '–'
                      ) : (
                        <>
                          <span className={styles.gapValue}>{formats.gap(point.gap)}</span>
                          <span className={styles.gapKind}>{t(`kind.${kind!}`)}</span>
                        </>
                      )}
                    </td>
                  );
                })}
                <td>
                  {t(`verdict.${history.verdict}`, {
                    was: was === undefined || was === null ? '–' : formats.gap(was),
                    round: history.comparedWith ? roundLabel(history.comparedWith) : '',
                  })}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableRegion>
  );
}
