'use client';

import { LOCALES } from '@resonance/domain';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { saveMyLocale, setLocale } from '@/i18n/actions';

/** `saveToAccount` inside the signed-in app: the choice is also stored as the user's setting. */
export function LanguageSwitch({ saveToAccount = false }: { saveToAccount?: boolean }) {
  const current = useLocale();
  const t = useTranslations('common.language');
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  return (
    <fieldset className="language-switch" aria-busy={pending}>
      <legend className="visually-hidden">{t('label')}</legend>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === current}
          title={t(`name.${locale}`)}
          onClick={() =>
            startTransition(async () => {
              await (saveToAccount ? saveMyLocale : setLocale)(locale);
              router.refresh();
            })
          }
        >
          {locale.toUpperCase()}
          <span className="visually-hidden"> {t(`name.${locale}`)}</span>
        </button>
      ))}
    </fieldset>
  );
}
