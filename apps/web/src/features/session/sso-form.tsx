'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type SsoStartState, startSingleSignOn } from './sso-actions';

/** "Sign in with single sign-on": the work email (or the organisation's name) finds the provider. */
export function SsoForm({ next }: { next: string }) {
  const t = useTranslations('login.sso');
  const [state, action, pending] = useActionState<SsoStartState, FormData>(startSingleSignOn, {
    status: 'idle',
  });
  const error = state.status === 'error' ? state : undefined;

  return (
    <form action={action} className="stack" aria-labelledby="sso-heading">
      <h2 id="sso-heading" className="field__label">
        {t('heading')}
      </h2>
      <input type="hidden" name="next" value={next} />
      {error && (
        <div className="callout callout--error" role="alert">
          {t(`startError.${error.reason}`)}
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor="sso-identifier">
          {t('identifier')}
        </label>
        <input
          id="sso-identifier"
          name="identifier"
          className="input"
          autoComplete="email"
          inputMode="email"
          required
          maxLength={254}
          defaultValue={error?.identifier}
          aria-describedby="sso-identifier-hint"
          aria-invalid={error?.reason === 'not-configured' || error?.reason === 'invalid' ? true : undefined}
        />
        <p className="field__hint" id="sso-identifier-hint">
          {t('identifierHint')}
        </p>
      </div>
      {error?.reason === 'organisation' && error.organisations && error.organisations.length > 0 && (
        <div className="field">
          <label className="field__label" htmlFor="sso-organisation">
            {t('organisation')}
          </label>
          <select id="sso-organisation" name="organisation" className="select" required>
            {error.organisations.map((organisation) => (
              <option key={organisation.slug} value={organisation.slug}>
                {organisation.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" className="button button--large button--block" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
