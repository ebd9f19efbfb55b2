import type { ReportRow } from './report';
import { median } from './stats';

/* Turning repeated runs into one row of the table: medians over the repetitions, ratio, goal. */

export const med = <T>(runs: readonly T[], pick: (run: T) => number) => median(runs.map(pick));
export const ratio = (api: number, limit: number) => (limit > 0 ? api / limit : null);

export interface Goal {
  text: string;
  met: (apiValue: number) => boolean;
}

export const within100: Goal = { text: '≤ 100 ms', met: (value) => value <= 100 };

/** A latency figure of API runs against raw runs (medians over the repetitions). */
export function latencyRow<T>(
  row: string,
  api: readonly T[],
  raw: readonly T[],
  pick: (run: T) => number,
  goal?: Goal,
): ReportRow {
  const apiValue = med(api, pick);
  const limit = med(raw, pick);
  const met = goal && !Number.isNaN(apiValue) ? goal.met(apiValue) : null;
  return {
    row,
    api: apiValue,
    limit,
    unit: 'ms',
    ratio: ratio(apiValue, limit),
    goal: goal?.text ?? '—',
    met,
  };
}

export function rssRow(row: string, mb: number): ReportRow {
  return {
    row,
    api: mb,
    limit: null,
    unit: 'MB',
    ratio: null,
    goal: '≤ 200 MB',
    met: Number.isNaN(mb) ? null : mb <= 200,
  };
}
