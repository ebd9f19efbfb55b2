import type { AuditList } from '@resonance/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/empty-state';
import { ProblemNotice } from '@/components/problem-notice';
import { AuditTable } from '@/features/audit/audit-table';
import { api, attempt } from '@/lib/api/server-api';

const PAGE_SIZE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('audit');
  return { title: t('title') };
}

/** What admins and the scheduler did, for admins and the works council; pages back with the API's cursor. */
export default async function AuditPage({ searchParams }: PageProps<'/admin/audit'>) {
  const params = await searchParams;
  const t = await getTranslations('audit');
  const timeZone = await getTimeZone();
  const before = typeof params.before === 'string' && params.before !== '' ? params.before : undefined;
  const result = await attempt(api<AuditList>('/audit', { query: { limit: PAGE_SIZE, before } }));
  if (!result.ok) return <ProblemNotice problem={result.problem} headingLevel={1} />;
  const { items, nextCursor } = result.data;

  return (
    <div className="stack stack--lg">
      <header className="page-header">
        <div className="page-header__text">
          <h1>{t('title')}</h1>
          <p className="lead">{t('lead')}</p>
          <p className="small muted">{t('timeZone', { timeZone })}</p>
        </div>
      </header>

      {items.length === 0 ? (
        <EmptyState
          icon="inbox"
          title={before ? t('emptyOlder.title') : t('empty.title')}
          action={
            before ? (
              <Link className="button" href="/admin/audit">
                {t('pagination.newest')}
              </Link>
            ) : undefined
          }
        >
          {before ? t('emptyOlder.body') : t('empty.body')}
        </EmptyState>
      ) : (
        <div className="card card--flush">
          <AuditTable events={items} />
          {(before || nextCursor) && (
            <nav className="pagination" aria-label={t('pagination.label')}>
              {before ? (
                <Link className="button button--small" href="/admin/audit">
                  {t('pagination.newest')}
                </Link>
              ) : (
                <span className="muted">{t('pagination.newestShown')}</span>
              )}
              {nextCursor ? (
                <Link
                  className="button button--small"
                  href={`/admin/audit?before=${encodeURIComponent(nextCursor)}`}
                  rel="next"
                >
                  {t('pagination.older')}
                </Link>
              ) : (
                <span className="muted">{t('pagination.oldestShown')}</span>
              )}
            </nav>
          )}
        </div>
      )}
    </div>
  );
}
