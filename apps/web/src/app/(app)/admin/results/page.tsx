import type { Heatmap, RoundSummary } from '@resonance/contracts';
import type { Locale } from '@resonance/domain';
import type { Metadata } from 'next';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/empty-state';
import { ProblemNotice } from '@/components/problem-notice';
import { QuerySelect } from '@/features/dashboard/query-select';
import { HEATMAP_BANDS, HeatmapTable } from '@/features/results/heatmap-table';
import { api, attempt } from '@/lib/api/server-api';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('results');
  return { title: t('title') };
}

export default async function ResultsPage({ searchParams }: PageProps<'/admin/results'>) {
  const params = await searchParams;
  const t = await getTranslations('results');
  const format = await getFormatter();
  const locale = (await getLocale()) as Locale;
  const rounds = await attempt(api<{ items: RoundSummary[] }>('/rounds', { query: { archived: 'include' } }));
  if (!rounds.ok) return <ProblemNotice problem={rounds.problem} headingLevel={1} />;
  const closed = rounds.data.items
    .filter((round) => round.state === 'closed' || round.state === 'archived')
    .sort((a, b) => b.closesAt.localeCompare(a.closesAt));
  const requested = typeof params.round === 'string' ? params.round : undefined;
  const roundId = closed.find((round) => round.id === requested)?.id ?? closed[0]?.id;
  const heatmap = roundId
    ? await attempt(api<Heatmap>(`/results/rounds/${encodeURIComponent(roundId)}/heatmap`))
    : undefined;
  const exportFailed = typeof params.exportFailed === 'string';

  return (
    <div className="stack stack--lg">
      <header className="page-header">
        <div className="page-header__text">
          <h1>{t('title')}</h1>
          <p className="lead">{t('lead')}</p>
        </div>
        {closed.length > 0 && (
          <div className="cluster">
            <QuerySelect
              id="heatmap-round"
              label={t('round')}
              param="round"
              value={roundId}
              resetParams={['exportFailed']}
              options={closed.map((round) => ({
                value: round.id,
                label: `${round.name} · ${format.dateTime(new Date(round.closesAt), { dateStyle: 'medium' })}`,
              }))}
            />
            {roundId && (
              <a
                className="button"
                href={`/export/rounds/${roundId}`}
                download
                style={{ alignSelf: 'flex-end' }}
              >
                {t('export')}
              </a>
            )}
          </div>
        )}
      </header>

      {exportFailed && (
        <p className="callout callout--error" role="alert">
          {t('exportFailed')}
        </p>
      )}

      {closed.length === 0 && (
        <EmptyState icon="chart" title={t('empty.title')}>
          {t('empty.body')}
        </EmptyState>
      )}
      {heatmap && !heatmap.ok && <ProblemNotice problem={heatmap.problem} />}
      {heatmap?.ok && (
        <section className="card stack" aria-labelledby="heatmap-title">
          <div className="card__header">
            <div className="stack stack--sm">
              <h2 id="heatmap-title" className="card__title">
                {t('heatmapTitle', { round: heatmap.data.round.name })}
              </h2>
              <p className="small muted">{t('heatmapLead', { k: heatmap.data.k })}</p>
            </div>
          </div>
          {heatmap.data.leaders.length === 0 ? (
            <p className="callout">{t('noLeaders')}</p>
          ) : (
            <HeatmapTable heatmap={heatmap.data} locale={locale} />
          )}
          <div className="heatmap-legend" aria-hidden="true">
            {HEATMAP_BANDS.map((band) => (
              <span key={band.colour}>
                <span className="heatmap-legend__swatch" style={{ background: band.colour }} />
                {band.range.map((bound) => format.number(bound)).join('–')}
              </span>
            ))}
            <span>
              <span className="heatmap-legend__swatch heatmap-legend__swatch--suppressed" />
              {t('legend.suppressed', { k: heatmap.data.k })}
            </span>
          </div>
        </section>
      )}
    </div>
  );
}
