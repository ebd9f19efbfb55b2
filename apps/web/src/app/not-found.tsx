import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/empty-state';

export default async function NotFound() {
  const t = await getTranslations('errors');
  return (
    <main id="main" className="page page--narrow">
      <EmptyState
        icon="inbox"
        title={t('notFound.title')}
        headingLevel={1}
        action={
          <a className="button button--primary" href="/">
            {t('home')}
          </a>
        }
      >
        {t('notFound.body')}
      </EmptyState>
    </main>
  );
}
