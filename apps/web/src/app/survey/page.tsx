import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { BrandMark } from '@/components/brand-mark';
import { LanguageSwitch } from '@/components/language-switch';
import { SurveyApp } from '@/features/survey/survey-app';
import { LOCALE_COOKIE } from '@/i18n/locale';
import styles from './survey-page.module.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('survey');
  // No referrer: nothing about this page travels to any other site.
  return { title: t('pageTitle'), referrer: 'no-referrer' };
}

/** The rater's page. The invitation token arrives in the fragment (#t=…), which never reaches this server. */
export default async function SurveyPage() {
  const localeChosen = Boolean((await cookies()).get(LOCALE_COOKIE));
  return (
    <div className={styles.screen}>
      <header className={styles.header}>
        <span className="brand">
          <BrandMark />
          <span>Resonance</span>
        </span>
        <LanguageSwitch />
      </header>
      <main id="main" className={styles.main}>
        <SurveyApp localeChosen={localeChosen} />
      </main>
    </div>
  );
}
