import type { GatedStats, Heatmap } from '@resonance/contracts';
import type { Locale } from '@resonance/domain';
import { getFormatter, getTranslations } from 'next-intl/server';
import { thesisTexts, thesisTitle } from '@/features/dashboard/dashboard-model';

/** Light tints only, so dark text stays readable (≥ 4.5:1) on every cell. */
function tint(mean: number): string {
  if (mean < 2) return '#f6cbc4';
  if (mean < 2.75) return '#fae1d8';
  if (mean < 3.25) return '#eef0f3';
  if (mean < 4) return '#d9e5f6';
  return '#b7cdef';
}

/** Leaders × theses for one round; cells below k are hatched and say so instead of showing a number. */
export async function HeatmapTable({ heatmap, locale }: { heatmap: Heatmap; locale: Locale }) {
  const t = await getTranslations('results');
  const format = await getFormatter();
  const texts = thesisTexts(1);
  const cell = (stats: GatedStats | undefined, key: string) => {
    if (!stats || stats.status === 'insufficient') {
      return (
        <td key={key} className="heatmap__cell heatmap__cell--suppressed" data-insufficient="true">
          <span aria-hidden="true">—</span>
          <span className="visually-hidden">{t('suppressed')}</span>
        </td>
      );
    }
    return (
      <td key={key} className="heatmap__cell" style={{ background: tint(stats.mean) }}>
        {format.number(stats.mean, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}
      </td>
    );
  };

  return (
    <div className="table-wrap">
      <table className="table heatmap">
        <caption className="visually-hidden">{t('heatmapCaption', { round: heatmap.round.name })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('leader')}</th>
            {heatmap.theses.map((thesis) => (
              <th scope="col" key={thesis} className="heatmap__thesis">
                <span>{thesisTitle(texts, thesis, locale)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatmap.leaders.map((leader) => (
            <tr key={leader.leaderId}>
              <th scope="row">{leader.name}</th>
              {heatmap.theses.map((thesis) =>
                cell(leader.cells.find((candidate) => candidate.thesis === thesis)?.stats, thesis),
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('orgAverage')}</th>
            {heatmap.theses.map((thesis) =>
              cell(heatmap.orgAverage.find((candidate) => candidate.thesis === thesis)?.stats, thesis),
            )}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
