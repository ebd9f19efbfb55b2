'use client';

import type { Survey } from '@resonance/contracts';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useRef, useState } from 'react';
import { setLocale } from '@/i18n/actions';
import { IntroStep } from './intro-step';
import { OpenQuestionsStep } from './open-questions-step';
import { ReviewStep } from './review-step';
import styles from './survey.module.css';
import { fetchSurvey, responseBody, type SurveyBlock, submitSurvey } from './survey-api';
import { SurveyBlocked, SurveyThanks } from './survey-status';
import {
  clearDraft,
  draftKey,
  forgetInvitationToken,
  loadDraft,
  type SurveyDraft,
  saveDraft,
  takeInvitationToken,
} from './survey-storage';
import { ThesisStep } from './thesis-step';

type Phase =
  | { kind: 'loading' }
  | { kind: 'blocked'; block: SurveyBlock }
  | { kind: 'answering'; survey: Survey }
  | { kind: 'done'; survey: Survey };

/**
 * The rater's questionnaire: intro, one step per thesis, the two open
 * questions, a review, then thanks. Everything typed is kept in this browser
 * until it is sent.
 */
export function SurveyApp({ localeChosen }: { localeChosen: boolean }) {
  const t = useTranslations('survey');
  const locale = useLocale();
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [draft, setDraft] = useState<SurveyDraft | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<SurveyBlock | null>(null);
  const token = useRef<string | undefined>(undefined);
  const storageKey = useRef<string | undefined>(undefined);
  const headingRef = useRef<HTMLDivElement>(null);
  const followedInvitationLocale = useRef(localeChosen);

  // Read the token once, before anything else can copy the address.
  useEffect(() => {
    token.current = takeInvitationToken();
    if (!token.current) {
      setPhase({ kind: 'blocked', block: 'missing' });
      return;
    }
    void draftKey(token.current).then((key) => {
      storageKey.current = key;
      setDraft(loadDraft(key));
    });
  }, []);

  // A second invitation link opened in the same tab only changes the fragment; start over with it.
  useEffect(() => {
    const onHashChange = () => {
      if (new URLSearchParams(window.location.hash.replace(/^#/, '')).get('t')) window.location.reload();
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  // (Re)load the questionnaire in the page language; on a first visit, follow the invitation's language.
  useEffect(() => {
    const current = token.current;
    if (!current) return;
    let cancelled = false;
    void fetchSurvey(current, followedInvitationLocale.current ? locale : undefined).then((result) => {
      if (cancelled) return;
      if (!result.ok) {
        setPhase({ kind: 'blocked', block: result.block });
        return;
      }
      if (!followedInvitationLocale.current) {
        followedInvitationLocale.current = true;
        if (result.data.locale !== locale) {
          void setLocale(result.data.locale).then(() => router.refresh());
        }
      }
      setPhase((previous) =>
        previous.kind === 'done' ? previous : { kind: 'answering', survey: result.data },
      );
    });
    return () => {
      cancelled = true;
    };
  }, [locale, router]);

  const update = useCallback((change: (previous: SurveyDraft) => SurveyDraft) => {
    setDraft((previous) => {
      if (!previous) return previous;
      const next = change(previous);
      if (storageKey.current) saveDraft(storageKey.current, next);
      return next;
    });
  }, []);

  const goTo = useCallback(
    (step: number) => {
      update((previous) => ({ ...previous, step }));
      // Move focus to the new step's heading so screen readers announce it and keyboards start at the top.
      requestAnimationFrame(() => {
        headingRef.current?.querySelector<HTMLElement>('h1, h2')?.focus();
        window.scrollTo({ top: 0 });
      });
    },
    [update],
  );

  if (phase.kind === 'loading' || (phase.kind === 'answering' && !draft)) {
    return (
      <div className={styles.card} aria-busy="true">
        <p role="status" className="muted">
          {t('loading')}
        </p>
      </div>
    );
  }
  if (phase.kind === 'blocked') return <SurveyBlocked block={phase.block} />;
  if (phase.kind === 'done') return <SurveyThanks survey={phase.survey} />;
  if (!draft) return null;

  const { survey } = phase;
  const theses = survey.questionnaire.theses;
  const openStep = theses.length + 1;
  const reviewStep = theses.length + 2;
  const step = Math.min(draft.step, reviewStep);
  const totalSteps = reviewStep;

  async function submit() {
    if (!token.current || !draft) return;
    setSubmitting(true);
    setSubmitError(null);
    const result = await submitSurvey(token.current, responseBody(survey, draft));
    setSubmitting(false);
    if (result.ok) {
      if (storageKey.current) clearDraft(storageKey.current);
      forgetInvitationToken();
      setPhase({ kind: 'done', survey });
      window.scrollTo({ top: 0 });
      return;
    }
    if (result.block === 'rejected' || result.block === 'unavailable') {
      setSubmitError(result.block);
      return;
    }
    if (storageKey.current) clearDraft(storageKey.current);
    setPhase({ kind: 'blocked', block: result.block });
  }

  return (
    <div className={styles.flow} ref={headingRef}>
      {step > 0 && (
        <div className={styles.progress}>
          <div className={styles.progressLabel}>
            <span>{t('progress.step', { current: step, total: totalSteps })}</span>
            <span className="muted">{survey.leader.name}</span>
          </div>
          <div
            className="progress"
            role="progressbar"
            aria-label={t('progress.label')}
            aria-valuemin={0}
            aria-valuemax={totalSteps}
            aria-valuenow={step}
            aria-valuetext={t('progress.step', { current: step, total: totalSteps })}
          >
            <div className="progress__bar" style={{ width: `${(step / totalSteps) * 100}%` }} />
          </div>
        </div>
      )}
      {step === 0 && <IntroStep survey={survey} onStart={() => goTo(1)} />}
      {step >= 1 && step <= theses.length && (
        <ThesisStep
          key={theses[step - 1]!.key}
          survey={survey}
          thesis={theses[step - 1]!}
          draft={draft}
          onChange={update}
          onBack={() => goTo(step - 1)}
          onNext={() => goTo(step + 1)}
        />
      )}
      {step === openStep && (
        <OpenQuestionsStep
          survey={survey}
          draft={draft}
          onChange={update}
          onBack={() => goTo(step - 1)}
          onNext={() => goTo(step + 1)}
        />
      )}
      {step === reviewStep && (
        <ReviewStep
          survey={survey}
          draft={draft}
          submitting={submitting}
          error={submitError}
          onEdit={(target) => goTo(target)}
          onBack={() => goTo(step - 1)}
          onSubmit={submit}
        />
      )}
      <p className={styles.savedNote}>{t('savedLocally')}</p>
    </div>
  );
}
