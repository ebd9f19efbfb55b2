import type { ListPeopleResponse, OrgSettings, RoundSummary } from '@resonance/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTimeZone, getTranslations } from 'next-intl/server';
import { ProblemNotice } from '@/components/problem-notice';
import { TableRegion } from '@/components/table-region';
import { ParticipationFigure } from '@/features/rounds/participation-figure';
import { RoundStateBadge } from '@/features/rounds/round-state-badge';
import { api, attempt } from '@/lib/api/server-api';
import { DATE_TIME } from '@/lib/date-time';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.overview');
  return { title: t('title') };
}

export default async function AdminOverviewPage({ searchParams }: PageProps<'/admin/overview'>) {
  const welcome = (await searchParams).welcome === '1';
  const t = await getTranslations('admin.overview');
  const format = await getFormatter();
  const timeZone = await getTimeZone();
  const result = await attempt(
    Promise.all([
      api<ListPeopleResponse>('/people', { query: { pageSize: 1, active: true } }),
      api<ListPeopleResponse>('/people', { query: { pageSize: 1, role: 'leader', active: true } }),
      api<{ items: RoundSummary[] }>('/rounds'),
      api<OrgSettings>('/org/settings'),
    ]),
  );
  if (!result.ok) return <ProblemNotice problem={result.problem} headingLevel={1} />;
  const [people, leaders, rounds, settings] = result.data;
  const open = rounds.items.filter((round) => round.state === 'open');
  const upcoming = rounds.items.filter((round) => round.state === 'scheduled');

  return (
    <div className="stack stack--lg">
      <header className="page-header">
        <div className="page-header__text">
          <p className="eyebrow">{settings.name}</p>
          <h1>{t('title')}</h1>
          <p className="lead">{t('lead')}</p>
        </div>
      </header>

      {welcome && (
        // Right after signup: an empty organisation, so the first steps in order.
        <section className="callout callout--success" aria-labelledby="overview-welcome">
          <div>
            <h2 id="overview-welcome" className="callout__title">
              {t('welcome.title')}
            </h2>
            <p>{t('welcome.body')}</p>
            <ol>
              <li>
                {t.rich('welcome.people', { link: (chunks) => <Link href="/admin/people">{chunks}</Link> })}
              </li>
              <li>
                {t.rich('welcome.privacy', {
                  link: (chunks) => <Link href="/admin/settings">{chunks}</Link>,
                })}
              </li>
              <li>
                {t.rich('welcome.round', {
                  link: (chunks) => <Link href="/admin/rounds/new">{chunks}</Link>,
                })}
              </li>
            </ol>
          </div>
        </section>
      )}

      <div className="overview-grid">
        <section className="card overview-card" aria-labelledby="overview-people">
          <h2 id="overview-people" className="card__title">
            {t('people.title')}
          </h2>
          <p className="overview-card__figure">{format.number(people.total)}</p>
          <p className="small muted">{t('people.body', { leaders: leaders.total })}</p>
          <div className="cluster">
            <Link className="button button--small" href="/admin/people">
              {t('people.manage')}
            </Link>
            <Link className="button button--small" href="/admin/import">
              {t('people.import')}
            </Link>
          </div>
        </section>
        <section className="card overview-card" aria-labelledby="overview-rounds">
          <h2 id="overview-rounds" className="card__title">
            {t('rounds.title')}
          </h2>
          <p className="overview-card__figure">{format.number(open.length)}</p>
          <p className="small muted">
            {t('rounds.body', { upcoming: upcoming.length, total: rounds.items.length })}
          </p>
          <Link className="button button--small button--primary" href="/admin/rounds/new">
            {t('rounds.schedule')}
          </Link>
        </section>
        <section className="card overview-card" aria-labelledby="overview-privacy">
          <h2 id="overview-privacy" className="card__title">
            {t('privacy.title')}
          </h2>
          <p className="overview-card__figure">k = {settings.anonymityThreshold}</p>
          <p className="small muted">{t('privacy.body', { k: settings.anonymityThreshold })}</p>
          <Link className="button button--small" href="/admin/settings">
            {t('privacy.change')}
          </Link>
        </section>
      </div>

      {open.length > 0 && (
        <section className="card card--flush" aria-labelledby="overview-open">
          <div className="card__header" style={{ padding: 'var(--space-5) var(--space-5) 0' }}>
            <h2 id="overview-open" className="card__title">
              {t('openRounds')}
            </h2>
          </div>
          <TableRegion label={t('openRounds')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('columns.round')}</th>
                  <th scope="col">{t('columns.state')}</th>
                  <th scope="col">
                    {t('columns.closes')} <span className="table__zone">{timeZone.replaceAll('_', ' ')}</span>
                  </th>
                  <th scope="col">{t('columns.participation')}</th>
                </tr>
              </thead>
              <tbody>
                {open.map((round) => (
                  <tr key={round.id}>
                    <th scope="row">
                      <Link href={`/admin/rounds/${round.id}`}>{round.name}</Link>
                    </th>
                    <td>
                      <RoundStateBadge state={round.state} />
                    </td>
                    <td className="nowrap">{format.dateTime(new Date(round.closesAt), DATE_TIME)}</td>
                    <td>
                      <ParticipationFigure participation={round.participation} k={round.k} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      )}
    </div>
  );
}
