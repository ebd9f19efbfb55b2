import { PASSWORD_MIN_LENGTH } from '@resonance/contracts';
import type { Locale } from '@resonance/domain';
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { AuthScreen, authScreenStyles as styles } from '@/features/session/auth-screen';
import { SignupForm } from '@/features/session/signup-form';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '@/lib/session/cookies';

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
    <AuthScreen
      title={t('title')}
      lead={t('subtitle')}
      after={
        <p className={styles.footnote}>
          {t.rich('haveAccount', { link: (chunks) => <Link href="/login">{chunks}</Link> })}
        </p>
      }
    >
      <SignupForm defaultLocale={locale} minLength={PASSWORD_MIN_LENGTH} />
    </AuthScreen>
  );
}
