'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState, useTransition } from 'react';
import { type SetPasswordState, setPassword } from './session-actions';

const TOKEN_KEY = 'resonance.setup.token';

/** Reads the setup token from the link's fragment (never sent to a server in a URL) and sets the password. */
export function SetPasswordForm({ minLength }: { minLength: number }) {
  const t = useTranslations('setPassword');
  const [token, setToken] = useState<string | null | undefined>(undefined);
  const [password, setPasswordValue] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [state, setState] = useState<SetPasswordState>({ status: 'idle' });
  const [mismatch, setMismatch] = useState(false);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    const fromLink = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('t');
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
    try {
      if (fromLink) window.sessionStorage.setItem(TOKEN_KEY, fromLink);
      setToken(fromLink ?? window.sessionStorage.getItem(TOKEN_KEY));
    } catch {
      setToken(fromLink);
    }
  }, []);

  if (token === undefined) return null;
  if (
    token === null ||
    (state.status === 'error' && state.reason !== 'too-short' && state.reason !== 'unavailable')
  ) {
    const reason = state.status === 'error' ? state.reason : 'invalid-link';
    return (
      <div className="callout callout--error" role="alert">
        <div>
          <p className="callout__title">{t(`error.${reason}.title`)}</p>
          <p>{t(`error.${reason}.body`)}</p>
        </div>
      </div>
    );
  }

  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        if (password !== confirmation) {
          setMismatch(true);
          return;
        }
        setMismatch(false);
        startTransition(async () => {
          const result = await setPassword(token, password);
          setState(result);
        });
      }}
    >
      {(mismatch || state.status === 'error') && (
        <p className="callout callout--error" role="alert">
          {mismatch
            ? t('mismatch')
            : state.status === 'error'
              ? t(`error.${state.reason}.body`, { min: minLength })
              : null}
        </p>
      )}
      <div className="field">
        <label className="field__label" htmlFor="new-password">
          {t('password')}
        </label>
        <input
          id="new-password"
          type="password"
          className="input"
          autoComplete="new-password"
          required
          minLength={minLength}
          value={password}
          aria-describedby="new-password-hint"
          onChange={(event) => setPasswordValue(event.target.value)}
        />
        <p className="field__hint" id="new-password-hint">
          {t('hint', { min: minLength })}
        </p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="confirm-password">
          {t('confirm')}
        </label>
        <input
          id="confirm-password"
          type="password"
          className="input"
          autoComplete="new-password"
          required
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
        />
      </div>
      <button type="submit" className="button button--primary button--large button--block" disabled={pending}>
        {pending ? t('saving') : t('submit')}
      </button>
    </form>
  );
}
