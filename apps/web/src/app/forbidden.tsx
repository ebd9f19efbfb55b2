import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/empty-state';

/** Rendered with status 403 by forbidden(), e.g. when a leader opens the admin console. */
export default async function Forbidden() {
  const t = await getTranslations('errors');
  return (
    <main id="main" className="page page--narrow">
      <EmptyState
        icon="inbox"
        title={t('forbidden.title')}
        headingLevel={1}
        action={
          <a className="button button--primary" href="/dashboard">
            {t('forbidden.action')}
          </a>
        }
      >
        {t('forbidden.body')}
      </EmptyState>
    </main>
  );
}
