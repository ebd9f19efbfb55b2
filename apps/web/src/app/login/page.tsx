import { ssoFailureCodes } from '@resonance/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { devToolsEnabled } from '@/features/dev-tools/dev-tools';
import { AuthScreen, authScreenStyles as styles } from '@/features/session/auth-screen';
import { LoginForm } from '@/features/session/login-form';
import { SsoForm } from '@/features/session/sso-form';
import { safeNextPath } from '@/lib/request-path';

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
  // Why a single sign-on came back without a session (set by /login/sso/callback).
  const ssoFailure = [...ssoFailureCodes, 'unavailable'].find((code) => code === params.sso);
  const showDemo = await devToolsEnabled();

  return (
    <AuthScreen
      title={t('title')}
      lead={t('subtitle')}
      after={
        <>
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
        </>
      }
    >
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
      {ssoFailure && (
        <div className="callout callout--error" role="alert">
          {t(`sso.failure.${ssoFailure}`)}
        </div>
      )}
      <LoginForm next={next} />
      <p className={styles.divider}>{t('sso.or')}</p>
      <SsoForm next={next} />
    </AuthScreen>
  );
}
