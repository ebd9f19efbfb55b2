import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { paths } from '@resonance/db';

export interface ReportRow {
  row: string;
  api: number | null;
  limit: number | null;
  unit: string;
  /** api ÷ limit, where there is a limit. */
  ratio: number | null;
  goal: string;
  /** null: a figure reported without a goal (or not measured). */
  met: boolean | null;
  note?: string;
}

const format = (value: number | null, unit: string) => {
  if (value === null || Number.isNaN(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`.trim();
};

/** The table as printed: row, API figure, limit figure, ratio, goal, met?. */
export function renderTable(rows: readonly ReportRow[]): string {
  const header = ['row', 'API', 'limit', 'ratio', 'goal', 'met?'];
  const cells = rows.map((row) => [
    row.row,
    format(row.api, row.unit),
    format(row.limit, row.unit),
    row.ratio === null || Number.isNaN(row.ratio) ? '—' : `${row.ratio.toFixed(2)}×`,
    row.goal,
    row.met === null ? '—' : row.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((cell) => cell[column]!.length)),
  );
  const line = (values: string[]) => values.map((value, column) => value.padEnd(widths[column]!)).join(' | ');
  const notes = rows.filter((row) => row.note).map((row) => `  * ${row.row}: ${row.note}`);
  return [
    line(header),
    widths.map((width) => '-'.repeat(width)).join('-|-'),
    ...cells.map(line),
    ...(notes.length > 0 ? ['', ...notes] : []),
  ].join('\n');
}

/** bench/results/last-<size>.json: small and committed, so the README can quote the last run. */
export function writeResults(sizeName: string, document: Record<string, unknown>): string {
  const directory = path.join(paths.repoRoot, 'bench/results');
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `last-${sizeName}.json`);
  // Two decimals are more than the noise allows; the file stays small enough to read.
  const rounded = (_key: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value;
  writeFileSync(file, `${JSON.stringify(document, rounded, 2)}\n`);
  return path.relative(paths.repoRoot, file);
}
