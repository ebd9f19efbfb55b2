'use client';

import type { Survey } from '@resonance/contracts';
import { useTranslations } from 'next-intl';
import styles from './survey.module.css';
import type { SurveyBlock } from './survey-api';
import { followUpOf } from './survey-api';
import type { SurveyDraft } from './survey-storage';

export function ReviewStep({
  survey,
  draft,
  submitting,
  error,
  onEdit,
  onBack,
  onSubmit,
}: {
  survey: Survey;
  draft: SurveyDraft;
  submitting: boolean;
  error: SurveyBlock | null;
  onEdit: (step: number) => void;
  onBack: () => void;
  onSubmit: () => void;
}) {
  const t = useTranslations('survey.review');
  const theses = survey.questionnaire.theses;
  const labelOf = (score: number | null | undefined) => {
    if (score === undefined) return t('unanswered');
    if (score === null) return survey.scale.cantJudgeLabel;
    const option = survey.scale.options.find((candidate) => candidate.score === score);
    return option ? `${score} · ${option.label}` : String(score);
  };
  const followUpLabel = (score: number | null | undefined) => {
    if (score === undefined) return t('unanswered');
    if (score === null) return survey.followUp?.cantJudgeLabel ?? '';
    return survey.followUp?.options.find((option) => option.score === score)?.label ?? String(score);
  };
  const firstIncomplete = theses.findIndex((thesis) => {
    const followUp = followUpOf(survey, thesis.key);
    return (
      thesis.items.some((item) => !(item.key in draft.answers)) ||
      (followUp !== null && !(followUp.key in draft.answers))
    );
  });

  return (
    <section className={styles.card} aria-labelledby="survey-step-title">
      <div className="stack stack--sm">
        <p className="eyebrow">{t('eyebrow')}</p>
        <h1 id="survey-step-title" tabIndex={-1} className={styles.title}>
          {t('title')}
        </h1>
        <p className="muted">{t('lead')}</p>
      </div>

      <ol className={styles.reviewList}>
        {theses.map((thesis, index) => (
          <li key={thesis.key} className={styles.reviewThesis}>
            <div className="cluster cluster--between">
              <h2 className={styles.reviewTitle}>{thesis.title}</h2>
              <button
                type="button"
                className="button button--small button--ghost"
                onClick={() => onEdit(index + 1)}
                aria-label={t('editThesis', { thesis: thesis.title })}
              >
                {t('edit')}
              </button>
            </div>
            <dl className={styles.reviewAnswers}>
              <FollowUpAnswer item={followUpOf(survey, thesis.key)} draft={draft} labelOf={followUpLabel} />
              {thesis.items.map((item) => (
                <div key={item.key}>
                  <dt>{item.text}</dt>
                  <dd data-missing={!(item.key in draft.answers) || undefined}>
                    {labelOf(draft.answers[item.key])}
                  </dd>
                </div>
              ))}
              {(draft.comments[thesis.key] ?? '').trim() && (
                <div>
                  <dt>{t('comment')}</dt>
                  <dd className={styles.reviewComment}>{draft.comments[thesis.key]}</dd>
                </div>
              )}
            </dl>
          </li>
        ))}
        <li className={styles.reviewThesis}>
          <div className="cluster cluster--between">
            <h2 className={styles.reviewTitle}>{t('openTitle')}</h2>
            <button type="button" className="button button--small button--ghost" onClick={onBack}>
              {t('edit')}
            </button>
          </div>
          <dl className={styles.reviewAnswers}>
            <div>
              <dt>{survey.questionnaire.openQuestions.keepDoing}</dt>
              <dd className={styles.reviewComment}>{draft.keepDoing.trim() || t('empty')}</dd>
            </div>
            <div>
              <dt>{survey.questionnaire.openQuestions.startDoing}</dt>
              <dd className={styles.reviewComment}>{draft.startDoing.trim() || t('empty')}</dd>
            </div>
          </dl>
        </li>
      </ol>

      {firstIncomplete >= 0 && (
        <div className="callout callout--warning" role="status">
          <div>
            <p>{t('incomplete')}</p>
            <button
              type="button"
              className="button button--small"
              onClick={() => onEdit(firstIncomplete + 1)}
            >
              {t('completeNow')}
            </button>
          </div>
        </div>
      )}

      {error && (
        <div className="callout callout--error" role="alert">
          {t(`error.${error === 'rejected' ? 'rejected' : 'unavailable'}`)}
        </div>
      )}

      <p className="callout callout--info">{t('finalNote', { leader: survey.leader.name })}</p>

      <div className={styles.actions}>
        <button type="button" className="button button--large" onClick={onBack}>
          {t('back')}
        </button>
        <button
          type="button"
          className="button button--primary button--large"
          onClick={onSubmit}
          disabled={submitting || firstIncomplete >= 0}
        >
          {submitting ? t('submitting') : t('submit')}
        </button>
      </div>
    </section>
  );
}

function FollowUpAnswer({
  item,
  draft,
  labelOf,
}: {
  item: { key: string; text: string } | null;
  draft: SurveyDraft;
  labelOf: (score: number | null | undefined) => string;
}) {
  if (!item) return null;
  return (
    <div>
      <dt>{item.text}</dt>
      <dd data-missing={!(item.key in draft.answers) || undefined}>{labelOf(draft.answers[item.key])}</dd>
    </div>
  );
}
