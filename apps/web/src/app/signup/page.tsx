import { PASSWORD_MIN_LENGTH } from '@resonance/contracts';
import type { Locale } from '@resonance/domain';
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { BrandMark } from '@/components/brand-mark';
import { LanguageSwitch } from '@/components/language-switch';
import { SignupForm } from '@/features/session/signup-form';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '@/lib/session/cookies';
import styles from '../login/login.module.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('signup');
  return { title: t('title') };
}

/** Creates an organisation and its first admin: the way in on a deployment without any accounts. */
export default async function SignupPage() {
  const jar = await cookies();
  // Someone signed in already has an organisation; the front door sends them to their home.
  if (jar.get(ACCESS_COOKIE) || jar.get(REFRESH_COOKIE)) redirect('/');
  const t = await getTranslations('signup');
  const locale = (await getLocale()) as Locale;

  return (
    <div className={styles.screen}>
      <div className={styles.topbar}>
        <LanguageSwitch />
      </div>
      <main id="main" className={styles.panel}>
        <div className={styles.brand}>
          <BrandMark className={styles.mark} />
          <span>Resonance</span>
        </div>
        <div className="card stack">
          <div className="stack stack--sm">
            <h1 className={styles.title}>{t('title')}</h1>
            <p className="muted small">{t('subtitle')}</p>
          </div>
          <SignupForm defaultLocale={locale} minLength={PASSWORD_MIN_LENGTH} />
        </div>
        <p className={styles.footnote}>
          {t.rich('haveAccount', { link: (chunks) => <Link href="/login">{chunks}</Link> })}
        </p>
      </main>
    </div>
  );
}
