import type { getFormatter } from 'next-intl/server';
import { gapDigits } from './report-model';

type Formatter = Awaited<ReturnType<typeof getFormatter>>;

/** The report's number formats: scores with one decimal, signed changes, gaps that respect the band. */
export function reportFormats(format: Formatter) {
  const fixed = (value: number, digits: number, signDisplay?: 'exceptZero') =>
    format.number(value, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay });
  return {
    score: (value: number | null | undefined) =>
      value === null || value === undefined ? '–' : fixed(value, 1),
    signed: (value: number) => fixed(value, 1, 'exceptZero'),
    gap: (value: number) => fixed(value, gapDigits(value), 'exceptZero'),
    percent: (value: number) => format.number(value / 100, { style: 'percent' }),
  };
}

export type ReportFormats = ReturnType<typeof reportFormats>;
