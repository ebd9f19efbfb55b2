'use client';

import { LOCALES } from '@resonance/domain';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTransition } from 'react';
import { setLocale } from '@/i18n/actions';

export function LanguageSwitch() {
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
              await setLocale(locale);
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
