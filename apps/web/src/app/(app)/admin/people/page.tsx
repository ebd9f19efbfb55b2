import type { ListPeopleResponse, PersonRole } from '@resonance/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/empty-state';
import { ProblemNotice } from '@/components/problem-notice';
import { TableRegion } from '@/components/table-region';
import { ErasePersonButton } from '@/features/people/erase-person-button';
import { InviteUserButton } from '@/features/people/invite-user-button';
import { PersonEditor } from '@/features/people/person-editor';
import { api, attempt } from '@/lib/api/server-api';

const PAGE_SIZE = 25;
const ROLES: PersonRole[] = ['member', 'leader', 'admin'];

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('people');
  return { title: t('title') };
}

export default async function PeoplePage({ searchParams }: PageProps<'/admin/people'>) {
  const params = await searchParams;
  const t = await getTranslations('people');
  const tGdpr = await getTranslations('gdpr');
  const search = typeof params.search === 'string' ? params.search.trim() : '';
  const role = ROLES.find((value) => value === params.role);
  const exportFailed = typeof params.exportFailed === 'string' ? params.exportFailed.slice(0, 3) : null;
  const page = Math.max(1, Number.parseInt(typeof params.page === 'string' ? params.page : '1', 10) || 1);

  const result = await attempt(
    Promise.all([
      api<ListPeopleResponse>('/people', { query: { search, role, page, pageSize: PAGE_SIZE } }),
      api<ListPeopleResponse>('/people', { query: { active: true, pageSize: 200 } }),
    ]),
  );
  if (!result.ok) return <ProblemNotice problem={result.problem} headingLevel={1} />;
  const [people, everyone] = result.data;
  const managers = everyone.items.map((person) => ({ id: person.id, name: person.name }));
  const pages = Math.max(1, Math.ceil(people.total / people.pageSize));
  const pageLink = (target: number) => {
    const query = new URLSearchParams();
    if (search) query.set('search', search);
    if (role) query.set('role', role);
    query.set('page', String(target));
    return `/admin/people?${query.toString()}`;
  };

  return (
    <div className="stack stack--lg">
      <header className="page-header">
        <div className="page-header__text">
          <h1>{t('title')}</h1>
          <p className="lead">{t('lead')}</p>
        </div>
        <Link className="button button--primary" href="/admin/import">
          {t('importButton')}
        </Link>
      </header>

      {exportFailed && (
        <p className="callout callout--warning" role="alert">
          {tGdpr('export.failed', { status: exportFailed })}
        </p>
      )}

      <search>
        <form className="cluster" action="/admin/people">
          <div className="field" style={{ flex: '1 1 260px' }}>
            <label className="field__label" htmlFor="people-search">
              {t('search')}
            </label>
            <input
              id="people-search"
              name="search"
              type="search"
              className="input"
              defaultValue={search}
              placeholder={t('searchPlaceholder')}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="people-role">
              {t('filterRole')}
            </label>
            <select id="people-role" name="role" className="select" defaultValue={role ?? ''}>
              <option value="">{t('allRoles')}</option>
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {t(`role.${value}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button" style={{ alignSelf: 'flex-end' }}>
            {t('apply')}
          </button>
        </form>
      </search>

      {people.items.length === 0 ? (
        <EmptyState
          icon="people"
          title={search || role ? t('noMatches') : t('empty.title')}
          action={
            search || role ? undefined : (
              <Link className="button button--primary" href="/admin/import">
                {t('importButton')}
              </Link>
            )
          }
        >
          {search || role ? t('noMatchesBody') : t('empty.body')}
        </EmptyState>
      ) : (
        <div className="card card--flush">
          <TableRegion label={t('title')}>
            <table className="table people-table">
              <caption className="visually-hidden">{t('title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('columns.name')}</th>
                  <th scope="col">{t('columns.role')}</th>
                  <th scope="col">{t('columns.manager')}</th>
                  <th scope="col" className="num">
                    {t('columns.reports')}
                  </th>
                  <th scope="col">{t('columns.login')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {people.items.map((person) => (
                  <tr key={person.id} data-person={person.email}>
                    <th scope="row">
                      <div className="stack" style={{ gap: 0 }}>
                        <span>
                          {person.name}{' '}
                          {!person.active && <span className="badge badge--negative">{t('inactive')}</span>}
                        </span>
                        <span className="small muted people-table__email" style={{ fontWeight: 400 }}>
                          {person.email}
                        </span>
                      </div>
                    </th>
                    <td>
                      <span className={`badge ${person.role === 'member' ? '' : 'badge--primary'}`}>
                        {t(`role.${person.role}`)}
                      </span>
                    </td>
                    <td data-label={t('columns.manager')}>
                      {person.manager?.name ?? <span className="muted">{t('noManager')}</span>}
                    </td>
                    <td className="num" data-label={t('columns.reports')}>
                      {person.directReports}
                    </td>
                    <td className="nowrap" data-label={t('columns.login')}>
                      {person.user ? (
                        person.user.hasPassword ? (
                          <span className="badge badge--positive">{t('login.active')}</span>
                        ) : (
                          <span className="badge badge--warning">{t('login.pending')}</span>
                        )
                      ) : (
                        <span className="muted small">{t('login.none')}</span>
                      )}
                    </td>
                    <td className="people-table__actions">
                      <div className="cluster people-table__buttons">
                        {person.active && person.role !== 'member' && !person.user?.hasPassword && (
                          <InviteUserButton
                            personId={person.id}
                            name={person.name}
                            again={Boolean(person.user)}
                          />
                        )}
                        <PersonEditor person={person} managers={managers} />
                        <a
                          className="button button--small"
                          href={`/export/people/${person.id}`}
                          download
                          aria-label={tGdpr('export.label', { name: person.name })}
                        >
                          {tGdpr('export.button')}
                        </a>
                        <ErasePersonButton personId={person.id} name={person.name} />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <nav className="pagination" aria-label={t('pagination.label')}>
            <span className="muted">
              {t('pagination.summary', { page: people.page, pages, total: people.total })}
            </span>
            <div className="cluster">
              {people.page > 1 ? (
                <Link className="button button--small" href={pageLink(people.page - 1)}>
                  {t('pagination.previous')}
                </Link>
              ) : (
                <span className="button button--small" aria-disabled="true">
                  {t('pagination.previous')}
                </span>
              )}
              {people.page < pages ? (
                <Link className="button button--small" href={pageLink(people.page + 1)}>
                  {t('pagination.next')}
                </Link>
              ) : (
                <span className="button button--small" aria-disabled="true">
                  {t('pagination.next')}
                </span>
              )}
            </div>
          </nav>
        </div>
      )}
    </div>
  );
}
