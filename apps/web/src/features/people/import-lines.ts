import type { FieldError } from '@resonance/contracts';

export interface LineProblem {
  /** The column the API named (e.g. "manager_email"), or undefined for the whole line. */
  field: string | undefined;
  /** The API's English wording, shown when there is no translation for `code`. */
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

/**
 * Groups the API's field errors ("line 7: manager_email", "line 3") by line
 * number so each can be shown beside its line; errors without a line (e.g.
 * the whole body) come back under 0.
 */
export function problemsByLine(errors: readonly FieldError[]): Map<number, LineProblem[]> {
  const byLine = new Map<number, LineProblem[]>();
  for (const error of errors) {
    const match = /^line (\d+)(?::\s*(.+))?$/.exec(error.field.trim());
    const line = match ? Number(match[1]) : 0;
    const problems = byLine.get(line) ?? [];
    problems.push({
      field: match?.[2],
      message: error.message,
      ...(error.code ? { code: error.code } : {}),
      ...(error.params ? { params: error.params } : {}),
    });
    byLine.set(line, problems);
  }
  return byLine;
}
