'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { type LoginState, login } from './session-actions';

export function LoginForm({ next }: { next: string }) {
  const t = useTranslations('login');
  const [state, action, pending] = useActionState<LoginState, FormData>(login, { status: 'idle' });
  const error = state.status === 'error' ? state : undefined;

  return (
    <form action={action} className="stack" noValidate={false}>
      <input type="hidden" name="next" value={next} />
      {error && (
        <div className="callout callout--error" role="alert">
          {t(`error.${error.reason}`)}
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor="email">
          {t('email')}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          className="input"
          autoComplete="username"
          required
          defaultValue={error?.email}
          aria-invalid={error?.reason === 'invalid' ? true : undefined}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="password">
          {t('password')}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          className="input"
          autoComplete="current-password"
          required
          aria-invalid={error?.reason === 'invalid' ? true : undefined}
        />
      </div>
      {error?.reason === 'organisation' && error.organisations && error.organisations.length > 0 && (
        <div className="field">
          <label className="field__label" htmlFor="organisation">
            {t('organisation')}
          </label>
          <select id="organisation" name="organisation" className="select" required>
            {error.organisations.map((organisation) => (
              <option key={organisation.slug} value={organisation.slug}>
                {organisation.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" className="button button--primary button--large button--block" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
