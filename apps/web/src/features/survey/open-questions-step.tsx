'use client';

import type { Survey } from '@resonance/contracts';
import { useTranslations } from 'next-intl';
import styles from './survey.module.css';
import type { SurveyDraft } from './survey-storage';

export function OpenQuestionsStep({
  survey,
  draft,
  onChange,
  onBack,
  onNext,
}: {
  survey: Survey;
  draft: SurveyDraft;
  onChange: (change: (previous: SurveyDraft) => SurveyDraft) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const t = useTranslations('survey.open');
  const maxLength = survey.limits.commentMaxLength;
  const fields = [
    { key: 'keepDoing', label: survey.questionnaire.openQuestions.keepDoing, value: draft.keepDoing },
    { key: 'startDoing', label: survey.questionnaire.openQuestions.startDoing, value: draft.startDoing },
  ] as const;

  return (
    <section className={styles.card} aria-labelledby="survey-step-title">
      <div className="stack stack--sm">
        <p className="eyebrow">{t('eyebrow')}</p>
        <h1 id="survey-step-title" tabIndex={-1} className={styles.title}>
          {t('title')}
        </h1>
        <p className="muted">{t('lead')}</p>
      </div>
      {fields.map((field) => (
        <div className="field" key={field.key}>
          <label className="field__label" htmlFor={`open-${field.key}`}>
            {field.label}
          </label>
          <textarea
            id={`open-${field.key}`}
            className="textarea"
            maxLength={maxLength}
            value={field.value}
            aria-describedby={`open-${field.key}-hint`}
            onChange={(event) => {
              const text = event.target.value;
              onChange((previous) => ({ ...previous, [field.key]: text }));
            }}
          />
          <p className="field__hint" id={`open-${field.key}-hint`}>
            {t('hint', { used: field.value.length, max: maxLength })}
          </p>
        </div>
      ))}
      <div className={styles.actions}>
        <button type="button" className="button button--large" onClick={onBack}>
          {t('back')}
        </button>
        <button type="button" className="button button--primary button--large" onClick={onNext}>
          {t('next')}
        </button>
      </div>
    </section>
  );
}
