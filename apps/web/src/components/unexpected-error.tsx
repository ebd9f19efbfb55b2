'use client';

import { useTranslations } from 'next-intl';
import { EmptyState } from './empty-state';

/** Anything unexpected while rendering: a calm message and a way forward, never a stack trace. */
export function UnexpectedError({ digest, reset }: { digest?: string; reset: () => void }) {
  const t = useTranslations('errors');
  return (
    <EmptyState
      icon="alert"
      title={t('unexpected.title')}
      headingLevel={1}
      action={
        <div className="cluster">
          <button type="button" className="button button--primary" onClick={reset}>
            {t('retry')}
          </button>
          <a className="button" href="/">
            {t('home')}
          </a>
        </div>
      }
    >
      {t('unexpected.body')}
      {digest ? ` ${t('reference', { digest })}` : ''}
    </EmptyState>
  );
}
