import { getTranslations } from 'next-intl/server';

/**
 * A quiet skeleton of a page header and three cards while the server fetches admin data. Not for
 * the leader's dashboard: its report is one stored read, and streaming it in behind a skeleton
 * made the report itself a late, script-revealed paint (Lighthouse LCP 3.1 s).
 */
export default async function Loading() {
  const t = await getTranslations('common');
  return (
    <div className="stack stack--lg" aria-busy="true">
      <span className="visually-hidden" role="status">
        {t('loading')}
      </span>
      <div className="stack stack--sm">
        <div className="skeleton" style={{ height: 14, width: 120 }} />
        <div className="skeleton" style={{ height: 32, width: 320, maxWidth: '80%' }} />
      </div>
      <div className="grid">
        <div className="skeleton" style={{ height: 180 }} />
        <div className="skeleton" style={{ height: 180 }} />
        <div className="skeleton" style={{ height: 180 }} />
      </div>
    </div>
  );
}
