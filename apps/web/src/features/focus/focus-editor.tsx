'use client';

import type { FocusInput, LeaderFocus, Problem } from '@resonance/contracts';
import {
  COMMITMENT_MAX_LENGTH,
  FOCUS_PROGRESS,
  type FocusProgress,
  MAX_FOCUS_THESES,
  PROGRESS_NOTE_MAX_LENGTH,
  type ThesisKey,
} from '@resonance/domain';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { ProblemCallout } from '@/components/problem-callout';
import styles from './focus.module.css';
import { removeFocus, saveFocus } from './focus-actions';

interface Entry {
  thesis: ThesisKey;
  commitment: string;
  dueDate: string;
  progress: FocusProgress;
  progressNote: string;
}

/**
 * The leader's own focus after a round: pick one to three theses, write per thesis what they will
 * try (a suggestion from the questionnaire can be the start), a due date, progress and a note, and
 * choose whether the next round shows it to the raters. Once that round has opened, only progress
 * and the note can change.
 */
export function FocusEditor({
  leaderId,
  roundId,
  focus,
  theses,
}: {
  leaderId: string;
  roundId: string;
  focus: LeaderFocus | null;
  /** Every thesis in questionnaire order, with its title and one suggestion. */
  theses: { key: ThesisKey; title: string; suggestion: string | undefined }[];
}) {
  const t = useTranslations('focus.editor');
  const tProgress = useTranslations('focus.progress');
  const fixed = focus !== null && !focus.editable;
  const [entries, setEntries] = useState<Entry[]>(
    (focus?.theses ?? []).map((entry) => ({
      thesis: entry.thesis,
      commitment: entry.commitment,
      dueDate: entry.dueDate ?? '',
      progress: entry.progress,
      progressNote: entry.progressNote ?? '',
    })),
  );
  const [shared, setShared] = useState(focus?.shared ?? true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const titleOf = (key: ThesisKey) => theses.find((thesis) => thesis.key === key)?.title ?? key;
  const chosen = new Set(entries.map((entry) => entry.thesis));

  const update = (thesis: ThesisKey, change: Partial<Entry>) =>
    setEntries((previous) =>
      previous.map((entry) => (entry.thesis === thesis ? { ...entry, ...change } : entry)),
    );
  const toggle = (thesis: ThesisKey, on: boolean) =>
    setEntries((previous) =>
      on
        ? [...previous, { thesis, commitment: '', dueDate: '', progress: 'not_started', progressNote: '' }]
        : previous.filter((entry) => entry.thesis !== thesis),
    );

  function submit() {
    setSaved(false);
    const input: FocusInput = {
      shared,
      theses: entries.map((entry) => ({
        thesis: entry.thesis,
        commitment: entry.commitment,
        dueDate: entry.dueDate || null,
        progress: entry.progress,
        progressNote: entry.progressNote.trim() || null,
      })),
    };
    startTransition(async () => {
      const result = await saveFocus(leaderId, roundId, input);
      if (result.ok) {
        setProblem(null);
        setSaved(true);
      } else setProblem(result.problem);
    });
  }

  return (
    <form
      className={`card stack ${styles.editor}`}
      data-focus-editor
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {problem && <ProblemCallout problem={problem} />}
      {saved && (
        <p className="callout callout--success" role="status">
          {t('saved')}
        </p>
      )}
      {fixed ? (
        <p className="callout callout--info">{t('fixed')}</p>
      ) : (
        <fieldset className={styles.thesisPicker}>
          <legend className="field__label">{t('pick', { max: MAX_FOCUS_THESES })}</legend>
          <div className={styles.pickerGrid}>
            {theses.map((thesis) => (
              <label key={thesis.key} className={styles.pickerOption}>
                <input
                  type="checkbox"
                  name="focus-thesis"
                  value={thesis.key}
                  checked={chosen.has(thesis.key)}
                  disabled={!chosen.has(thesis.key) && chosen.size >= MAX_FOCUS_THESES}
                  onChange={(event) => toggle(thesis.key, event.target.checked)}
                />
                <span>{thesis.title}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {entries.map((entry) => {
        const id = `focus-${entry.thesis}`;
        const suggestion = theses.find((thesis) => thesis.key === entry.thesis)?.suggestion;
        return (
          <fieldset key={entry.thesis} className={styles.entry} data-focus-entry={entry.thesis}>
            <legend className={styles.entryTitle}>{titleOf(entry.thesis)}</legend>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-commitment`}>
                {t('commitment')}
              </label>
              <textarea
                id={`${id}-commitment`}
                className="textarea"
                required
                maxLength={COMMITMENT_MAX_LENGTH}
                readOnly={fixed}
                value={entry.commitment}
                onChange={(event) => update(entry.thesis, { commitment: event.target.value })}
              />
              {suggestion && !fixed && (
                <p className="field__hint">
                  {t('suggestion', { suggestion })}{' '}
                  <button
                    type="button"
                    className="button button--small button--ghost"
                    onClick={() => update(entry.thesis, { commitment: suggestion })}
                  >
                    {t('useSuggestion')}
                  </button>
                </p>
              )}
            </div>
            <div className={styles.entryRow}>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-due`}>
                  {t('dueDate')}
                </label>
                <input
                  id={`${id}-due`}
                  type="date"
                  className="input"
                  readOnly={fixed}
                  value={entry.dueDate}
                  onChange={(event) => update(entry.thesis, { dueDate: event.target.value })}
                />
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-progress`}>
                  {t('progress')}
                </label>
                <select
                  id={`${id}-progress`}
                  className="select"
                  value={entry.progress}
                  onChange={(event) =>
                    update(entry.thesis, { progress: event.target.value as FocusProgress })
                  }
                >
                  {FOCUS_PROGRESS.map((progress) => (
                    <option key={progress} value={progress}>
                      {tProgress(progress)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="field">
              <label className="field__label" htmlFor={`${id}-note`}>
                {t('note')}
              </label>
              <textarea
                id={`${id}-note`}
                className="textarea"
                maxLength={PROGRESS_NOTE_MAX_LENGTH}
                value={entry.progressNote}
                onChange={(event) => update(entry.thesis, { progressNote: event.target.value })}
              />
            </div>
          </fieldset>
        );
      })}

      <label className={styles.share}>
        <input
          type="checkbox"
          name="focus-shared"
          checked={shared}
          disabled={fixed}
          onChange={(event) => setShared(event.target.checked)}
        />
        <span>
          <strong>{t('share')}</strong> <span className="muted small">{t('shareHint')}</span>
        </span>
      </label>

      <div className="cluster">
        <button type="submit" className="button button--primary" disabled={pending || entries.length === 0}>
          {pending ? t('saving') : t('save')}
        </button>
        {focus && !fixed && (
          <button
            type="button"
            className="button button--ghost"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await removeFocus(leaderId, roundId);
                if (result.ok) {
                  setEntries([]);
                  setProblem(null);
                } else setProblem(result.problem);
              })
            }
          >
            {t('remove')}
          </button>
        )}
      </div>
    </form>
  );
}
