import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/empty-state';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('errors.forbidden');
  return { title: t('title') };
}

/** Shown (with status 403, see proxy.ts) when a signed-in leader opens the admin console. */
export default async function ForbiddenPage() {
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
