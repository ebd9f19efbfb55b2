'use client';

import type { Problem } from '@resonance/contracts';
import { useTranslations } from 'next-intl';
import { useId, useState, useTransition } from 'react';
import { ProblemCallout } from '@/components/problem-callout';
import { deleteOrganisation } from '@/features/people/gdpr-actions';

/** The settings page's danger zone: the organisation's short name must be typed to delete it. */
export function DeleteOrganisation({ slug }: { slug: string }) {
  const t = useTranslations('gdpr.deleteOrg');
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, startTransition] = useTransition();
  const inputId = useId();
  const hintId = useId();

  return (
    <section
      className="card stack"
      style={{ borderColor: 'var(--color-negative)' }}
      aria-labelledby={`${inputId}-title`}
    >
      <h2 id={`${inputId}-title`} className="card__title">
        {t('title')}
      </h2>
      <p>{t('body')}</p>
      {problem && <ProblemCallout problem={problem} />}
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed !== slug) return;
          startTransition(async () => {
            const result = await deleteOrganisation(typed);
            // On success the action redirects to the login page; only a failure comes back.
            if (result && !result.ok) setProblem(result.problem);
          });
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor={inputId}>
            {t('label', { slug })}
          </label>
          <input
            id={inputId}
            className="input"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={hintId}
          />
          <p id={hintId} className="field__hint">
            {t('hint')}
          </p>
        </div>
        <div>
          <button type="submit" className="button button--danger-solid" disabled={pending || typed !== slug}>
            {pending ? t('deleting') : t('button')}
          </button>
        </div>
      </form>
    </section>
  );
}
