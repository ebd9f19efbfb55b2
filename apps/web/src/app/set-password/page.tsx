import { PASSWORD_MIN_LENGTH } from '@resonance/contracts';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { BrandMark } from '@/components/brand-mark';
import { LanguageSwitch } from '@/components/language-switch';
import { SetPasswordForm } from '@/features/session/set-password-form';
import styles from '../login/login.module.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('setPassword');
  return { title: t('title'), referrer: 'no-referrer' };
}

/** Where the "set your password" email leads: `/set-password#t=<token>`. */
export default async function SetPasswordPage() {
  const t = await getTranslations('setPassword');
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
            <p className="muted small">{t('lead')}</p>
          </div>
          <SetPasswordForm minLength={PASSWORD_MIN_LENGTH} />
        </div>
      </main>
    </div>
  );
}
