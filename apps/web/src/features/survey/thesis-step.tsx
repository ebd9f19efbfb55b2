'use client';

import type { Survey } from '@resonance/contracts';
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import { ScaleQuestion } from './scale-question';
import styles from './survey.module.css';
import { followUpOf } from './survey-api';
import type { SurveyDraft } from './survey-storage';

type Thesis = Survey['questionnaire']['theses'][number];

export function ThesisStep({
  survey,
  thesis,
  draft,
  onChange,
  onBack,
  onNext,
}: {
  survey: Survey;
  thesis: Thesis;
  draft: SurveyDraft;
  onChange: (change: (previous: SurveyDraft) => SurveyDraft) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const t = useTranslations('survey.thesis');
  const [showErrors, setShowErrors] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const followUp = followUpOf(survey, thesis.key);
  const shared = survey.followUp?.shared.find((entry) => entry.thesis === thesis.key);
  const missing = [...thesis.items, ...(followUp ? [followUp] : [])].filter(
    (item) => !(item.key in draft.answers),
  );
  const commentId = `comment-${thesis.key}`;
  const errorId = `missing-${thesis.key}`;
  const maxLength = survey.limits.commentMaxLength;
  const comment = draft.comments[thesis.key] ?? '';

  function next() {
    if (missing.length > 0) {
      setShowErrors(true);
      requestAnimationFrame(() => {
        summaryRef.current?.focus();
      });
      return;
    }
    onNext();
  }

  return (
    <section className={styles.card} aria-labelledby="survey-step-title">
      <div className="stack stack--sm">
        <p className="eyebrow">{t('eyebrow')}</p>
        <h1 id="survey-step-title" tabIndex={-1} className={styles.title}>
          {thesis.title}
        </h1>
        <p className="muted">{thesis.summary}</p>
      </div>

      {showErrors && missing.length > 0 && (
        <div className="callout callout--error" role="alert" tabIndex={-1} ref={summaryRef} id={errorId}>
          <div>
            <p className="callout__title">{t('missingTitle', { count: missing.length })}</p>
            <p>{t('missingBody')}</p>
          </div>
        </div>
      )}

      <div className={styles.questions}>
        {followUp && survey.followUp && (
          <div className={styles.followUp} data-follow-up={followUp.thesis}>
            <p className="small">
              {shared
                ? t('followUpShared', { leader: survey.leader.name, commitment: shared.commitment })
                : t('followUpNotShared')}
            </p>
            <ScaleQuestion
              itemKey={followUp.key}
              text={followUp.text}
              scale={{ options: survey.followUp.options, cantJudgeLabel: survey.followUp.cantJudgeLabel }}
              showScores={false}
              value={draft.answers[followUp.key]}
              invalid={showErrors && !(followUp.key in draft.answers)}
              errorId={errorId}
              onChange={(value) =>
                onChange((previous) => ({
                  ...previous,
                  answers: { ...previous.answers, [followUp.key]: value },
                }))
              }
            />
          </div>
        )}
        {thesis.items.map((item) => (
          <ScaleQuestion
            key={item.key}
            itemKey={item.key}
            text={item.text}
            scale={survey.scale}
            value={draft.answers[item.key]}
            invalid={showErrors && !(item.key in draft.answers)}
            errorId={errorId}
            onChange={(value) =>
              onChange((previous) => ({ ...previous, answers: { ...previous.answers, [item.key]: value } }))
            }
          />
        ))}
      </div>

      <div className="field">
        <label className="field__label" htmlFor={commentId}>
          {thesis.commentPrompt}
        </label>
        <textarea
          id={commentId}
          className="textarea"
          maxLength={maxLength}
          value={comment}
          aria-describedby={`${commentId}-hint`}
          onChange={(event) => {
            const text = event.target.value;
            onChange((previous) => ({ ...previous, comments: { ...previous.comments, [thesis.key]: text } }));
          }}
        />
        <p className="field__hint" id={`${commentId}-hint`}>
          {t('commentHint', { used: comment.length, max: maxLength })}
        </p>
      </div>

      <div className={styles.actions}>
        <button type="button" className="button button--large" onClick={onBack}>
          {t('back')}
        </button>
        <button type="button" className="button button--primary button--large" onClick={next}>
          {t('next')}
        </button>
      </div>
    </section>
  );
}
