import type { RoundSummary } from '@resonance/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTimeZone, getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/empty-state';
import { ProblemNotice } from '@/components/problem-notice';
import { TableRegion } from '@/components/table-region';
import { ParticipationFigure } from '@/features/rounds/participation-figure';
import { RoundStateBadge } from '@/features/rounds/round-state-badge';
import { api, attempt } from '@/lib/api/server-api';
import { DATE_TIME } from '@/lib/date-time';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('rounds');
  return { title: t('title') };
}

export default async function RoundsPage({ searchParams }: PageProps<'/admin/rounds'>) {
  const archivedOnly = (await searchParams).archived === 'only';
  const t = await getTranslations('rounds');
  const format = await getFormatter();
  const zone = (await getTimeZone()).replaceAll('_', ' ');
  const result = await attempt(
    Promise.all([
      api<{ items: RoundSummary[] }>('/rounds', { query: archivedOnly ? { archived: 'only' } : {} }),
      archivedOnly
        ? Promise.resolve(null)
        : api<{ items: RoundSummary[] }>('/rounds', { query: { archived: 'only' } }),
    ]),
  );
  if (!result.ok) return <ProblemNotice problem={result.problem} headingLevel={1} />;
  const [{ items: rounds }, archived] = result.data;
  const date = (value: string) => format.dateTime(new Date(value), DATE_TIME);

  return (
    <div className="stack stack--lg">
      <header className="page-header">
        <div className="page-header__text">
          {archivedOnly && (
            <p className="eyebrow">
              <Link href="/admin/rounds">{t('detail.back')}</Link>
            </p>
          )}
          <h1>{archivedOnly ? t('archivedTitle') : t('title')}</h1>
          <p className="lead">{archivedOnly ? t('archivedLead') : t('lead')}</p>
        </div>
        <Link className="button button--primary" href="/admin/rounds/new">
          {t('scheduleButton')}
        </Link>
      </header>

      {rounds.length === 0 && archivedOnly ? (
        <EmptyState icon="chart" title={t('archivedEmpty')}>
          {t('archivedLead')}
        </EmptyState>
      ) : rounds.length === 0 ? (
        <EmptyState
          icon="chart"
          title={t('empty.title')}
          action={
            <Link className="button button--primary" href="/admin/rounds/new">
              {t('scheduleButton')}
            </Link>
          }
        >
          {t('empty.body')}
        </EmptyState>
      ) : (
        <div className="card card--flush">
          <TableRegion label={t('title')}>
            <table className="table">
              <caption className="visually-hidden">{t('title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.name')}</th>
                  <th scope="col">{t('columns.state')}</th>
                  <th scope="col">
                    {t('columns.opens')} <span className="table__zone">{zone}</span>
                  </th>
                  <th scope="col">
                    {t('columns.closes')} <span className="table__zone">{zone}</span>
                  </th>
                  <th scope="col" className="num">
                    {t('columns.leaders')}
                  </th>
                  <th scope="col">{t('columns.participation')}</th>
                </tr>
              </thead>
              <tbody>
                {rounds.map((round) => (
                  <tr key={round.id} data-round={round.name}>
                    <th scope="row">
                      <Link href={`/admin/rounds/${round.id}`}>{round.name}</Link>
                      {round.recurrence !== 'none' && (
                        <span className="small muted"> · {t(`form.recurrences.${round.recurrence}`)}</span>
                      )}
                    </th>
                    <td>
                      <RoundStateBadge state={round.state} />
                    </td>
                    {/* Opened or closed by hand: the actual moment, as the round's page shows it. */}
                    <td className="nowrap">{date(round.openedAt ?? round.opensAt)}</td>
                    <td className="nowrap">{date(round.closedAt ?? round.closesAt)}</td>
                    <td className="num">{round.leaderCount}</td>
                    <td>
                      {round.state === 'draft' || round.state === 'scheduled' ? (
                        <span className="muted small">{t('notStarted')}</span>
                      ) : (
                        <ParticipationFigure participation={round.participation} k={round.k} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </div>
      )}
      {archived && archived.items.length > 0 && (
        <p className="small">
          <Link href="/admin/rounds?archived=only">
            {t('archivedLink', { count: archived.items.length })}
          </Link>
        </p>
      )}
    </div>
  );
}
