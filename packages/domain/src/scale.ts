import type { Localized } from './theses';

/** Agreement scale of every item; "can't judge" is stored as null, not as a number. */
export const SCALE = { min: 1, max: 5 } as const;

export type Score = 1 | 2 | 3 | 4 | 5;

export function isScore(value: unknown): value is Score {
  return typeof value === 'number' && Number.isInteger(value) && value >= SCALE.min && value <= SCALE.max;
}

export const SCALE_LABELS: Record<Score, Localized> = {
  1: { en: 'Strongly disagree', de: 'Trifft überhaupt nicht zu' },
  2: { en: 'Disagree', de: 'Trifft eher nicht zu' },
  3: { en: 'Neither agree nor disagree', de: 'Teils, teils' },
  4: { en: 'Agree', de: 'Trifft eher zu' },
  5: { en: 'Strongly agree', de: 'Trifft voll und ganz zu' },
};

export const CANT_JUDGE_LABEL: Localized = { en: "Can't judge", de: 'Kann ich nicht beurteilen' };
