'use client';

import type { Survey } from '@resonance/contracts';
import styles from './survey.module.css';

/**
 * One statement with its agreement scale as a real radio group: arrow keys
 * move between points, Tab leaves the group, and "can't judge" is one more
 * option rather than a missing answer.
 */
export function ScaleQuestion({
  itemKey,
  text,
  scale,
  value,
  invalid,
  errorId,
  onChange,
  showScores = true,
}: {
  itemKey: string;
  text: string;
  scale: Survey['scale'];
  value: number | null | undefined;
  invalid: boolean;
  errorId: string;
  onChange: (value: number | null) => void;
  /** false for answers that are not agreement points (the follow-up's "clearly better" … "worse"). */
  showScores?: boolean;
}) {
  const name = `item-${itemKey}`;
  return (
    <fieldset
      className={styles.question}
      data-invalid={invalid || undefined}
      aria-describedby={invalid ? errorId : undefined}
      id={`question-${itemKey}`}
    >
      <legend className={styles.statement}>{text}</legend>
      <div className={showScores ? styles.scale : `${styles.scale} ${styles.scaleFollowUp}`}>
        {scale.options.map((option) => (
          <label key={option.score} className={styles.option}>
            <input
              type="radio"
              name={name}
              value={option.score}
              checked={value === option.score}
              onChange={() => onChange(option.score)}
            />
            {showScores && (
              <span className={styles.optionScore} aria-hidden="true">
                {option.score}
              </span>
            )}
            <span className={styles.optionLabel}>{option.label}</span>
          </label>
        ))}
      </div>
      <label className={`${styles.option} ${styles.optionCantJudge}`}>
        <input type="radio" name={name} value="" checked={value === null} onChange={() => onChange(null)} />
        <span className={styles.optionLabel}>{scale.cantJudgeLabel}</span>
      </label>
    </fieldset>
  );
}
