import { PASSWORD_MIN_LENGTH } from '@resonance/contracts';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthScreen } from '@/features/session/auth-screen';
import { SetPasswordForm } from '@/features/session/set-password-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('setPassword');
  return { title: t('title'), referrer: 'no-referrer' };
}

/** Where the "set your password" email leads: `/set-password#t=<token>`. */
export default async function SetPasswordPage() {
  const t = await getTranslations('setPassword');
  return (
    <AuthScreen title={t('title')} lead={t('lead')}>
      <SetPasswordForm minLength={PASSWORD_MIN_LENGTH} />
    </AuthScreen>
  );
}
