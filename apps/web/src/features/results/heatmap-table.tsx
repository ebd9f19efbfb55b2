import type { GatedStats, Heatmap } from '@resonance/contracts';
import type { Locale } from '@resonance/domain';
import { getFormatter, getTranslations } from 'next-intl/server';
import { TableRegion } from '@/components/table-region';
import { thesisTexts, thesisTitle } from '@/features/dashboard/dashboard-model';

/** Light tints only, so dark text stays readable (≥ 4.5:1) on every cell; `below` is the band's upper edge. */
export const HEATMAP_BANDS = [
  { below: 2, colour: '#f6cbc4', range: [1, 1.9] },
  { below: 2.75, colour: '#fae1d8', range: [2, 2.7] },
  { below: 3.25, colour: '#eef0f3', range: [2.8, 3.2] },
  { below: 4, colour: '#d9e5f6', range: [3.3, 3.9] },
  { below: Number.POSITIVE_INFINITY, colour: '#b7cdef', range: [4, 5] },
] as const;

function tint(mean: number): string {
  return (HEATMAP_BANDS.find((band) => mean < band.below) ?? HEATMAP_BANDS[4]).colour;
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
    <TableRegion label={t('heatmapCaption', { round: heatmap.round.name })}>
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
    </TableRegion>
  );
}
