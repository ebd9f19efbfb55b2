'use client';

import { LOCALES, type Locale } from '@resonance/domain';
import { useTranslations } from 'next-intl';
import { type ReactNode, useActionState } from 'react';
import { type SignupField, type SignupState, signup } from './session-actions';

/**
 * The way in on a fresh deployment: an organisation and its first admin. The browser's own
 * validation is off so every problem shows up the same way, next to its field and translated.
 */
export function SignupForm({ defaultLocale, minLength }: { defaultLocale: Locale; minLength: number }) {
  const t = useTranslations('signup');
  const tLanguage = useTranslations('common.language');
  const [state, action, pending] = useActionState<SignupState, FormData>(signup, { status: 'idle' });
  const error = state.status === 'error' ? state : undefined;
  const invalid = (field: SignupField) => error?.fields.includes(field) ?? false;

  const field = (
    name: SignupField,
    input: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode,
    hint?: string,
  ) => {
    const id = `signup-${name}`;
    const describedBy = [hint ? `${id}-hint` : undefined, invalid(name) ? `${id}-error` : undefined]
      .filter(Boolean)
      .join(' ');
    return (
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t(`${name}.label`)}
        </label>
        {input({
          id,
          ...(invalid(name) ? { 'aria-invalid': true as const } : {}),
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        })}
        {hint && (
          <p className="field__hint" id={`${id}-hint`}>
            {hint}
          </p>
        )}
        {invalid(name) && (
          <p className="field__error" id={`${id}-error`}>
            {t(`${name}.error`, { min: minLength })}
          </p>
        )}
      </div>
    );
  };

  return (
    <form action={action} className="stack" noValidate>
      {error && (
        <div className="callout callout--error" role="alert">
          {t(`error.${error.reason}`)}
        </div>
      )}
      {field('organisationName', (props) => (
        <input
          {...props}
          name="organisationName"
          className="input"
          autoComplete="organization"
          required
          maxLength={120}
          defaultValue={error?.values.organisationName}
        />
      ))}
      {field('name', (props) => (
        <input
          {...props}
          name="name"
          className="input"
          autoComplete="name"
          required
          maxLength={120}
          defaultValue={error?.values.name}
        />
      ))}
      {field('email', (props) => (
        <input
          {...props}
          name="email"
          type="email"
          className="input"
          autoComplete="email"
          required
          defaultValue={error?.values.email}
        />
      ))}
      {field(
        'password',
        (props) => (
          <input
            {...props}
            name="password"
            type="password"
            className="input"
            autoComplete="new-password"
            required
            minLength={minLength}
          />
        ),
        t('password.hint', { min: minLength }),
      )}
      {field('passwordConfirmation', (props) => (
        <input
          {...props}
          name="passwordConfirmation"
          type="password"
          className="input"
          autoComplete="new-password"
          required
        />
      ))}
      {field(
        'locale',
        (props) => (
          <select
            {...props}
            name="locale"
            className="select"
            defaultValue={error?.values.locale ?? defaultLocale}
          >
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {tLanguage(`name.${locale}`)}
              </option>
            ))}
          </select>
        ),
        t('locale.hint'),
      )}
      <button type="submit" className="button button--primary button--large button--block" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
