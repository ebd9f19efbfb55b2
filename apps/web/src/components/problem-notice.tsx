import { getTranslations } from 'next-intl/server';
import type { ApiProblem } from '@/lib/api/problem';
import { EmptyState } from './empty-state';

type ProblemKind = 'notFound' | 'forbidden' | 'unavailable' | 'invalid' | 'conflict' | 'unexpected';

export function problemKind(status: number): ProblemKind {
  if (status === 404) return 'notFound';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 409 || status === 410) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return 'unexpected';
}

/** A failed API call as a friendly, translated message; the API's own detail is shown only for client errors. */
export async function ProblemNotice({
  problem,
  headingLevel = 2,
}: {
  problem: ApiProblem;
  headingLevel?: 1 | 2 | 3;
}) {
  const t = await getTranslations('errors');
  const kind = problemKind(problem.status);
  const detail = problem.status < 500 ? problem.detail : undefined;
  return (
    <EmptyState
      icon="alert"
      title={t(`${kind}.title`)}
      headingLevel={headingLevel}
      action={detail ? <p className="small muted">{t('apiSaid', { detail })}</p> : undefined}
    >
      {t(`${kind}.body`)}
    </EmptyState>
  );
}
