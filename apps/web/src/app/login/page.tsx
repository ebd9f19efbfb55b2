import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { BrandMark } from '@/components/brand-mark';
import { LanguageSwitch } from '@/components/language-switch';
import { devToolsEnabled } from '@/features/dev-tools/dev-tools';
import { LoginForm } from '@/features/session/login-form';
import { safeNextPath } from '@/lib/request-path';
import styles from './login.module.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('login');
  return { title: t('title') };
}

export default async function LoginPage({ searchParams }: PageProps<'/login'>) {
  const params = await searchParams;
  const t = await getTranslations('login');
  const next = safeNextPath(typeof params.next === 'string' ? params.next : undefined, '/');
  const signedOut = params.signedOut === '1';
  const expired = params.expired === '1';
  const showDemo = await devToolsEnabled();

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
          {signedOut && (
            <p className="callout callout--success" role="status">
              {t('signedOut')}
            </p>
          )}
          {expired && (
            <p className="callout callout--info" role="status">
              {t('expired')}
            </p>
          )}
          <LoginForm next={next} />
        </div>
        {showDemo && (
          <aside className={`callout ${styles.demo}`} aria-label={t('demo.label')}>
            <div>
              <p className="callout__title">{t('demo.title')}</p>
              <p>
                {t.rich('demo.body', {
                  code: (chunks) => <code>{chunks}</code>,
                  admin: 'admin@demo.resonance.local',
                  leader: 'leader1@demo.resonance.local',
                  password: 'resonance-demo',
                })}
              </p>
            </div>
          </aside>
        )}
        <p className={styles.footnote}>
          {t.rich('signupHint', { link: (chunks) => <Link href="/signup">{chunks}</Link> })}
        </p>
        <p className={styles.footnote}>{t('raterHint')}</p>
      </main>
    </div>
  );
}
