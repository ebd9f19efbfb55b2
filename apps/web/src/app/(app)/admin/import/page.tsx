import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ImportForm } from '@/features/people/import-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('import');
  return { title: t('title') };
}

export default async function ImportPage() {
  const t = await getTranslations('import');
  return (
    <div className="stack stack--lg">
      <header className="page-header">
        <div className="page-header__text">
          <h1>{t('title')}</h1>
          <p className="lead">{t('lead')}</p>
        </div>
      </header>
      <ImportForm />
    </div>
  );
}
