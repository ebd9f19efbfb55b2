'use client';

import type { Problem } from '@resonance/contracts';
import { useTranslations } from 'next-intl';

/** A failed action as a short, translated message with the API's per-field notes underneath. */
export function ProblemCallout({ problem }: { problem: Problem }) {
  const t = useTranslations('errors');
  const kind =
    problem.status === 404
      ? 'notFound'
      : problem.status === 401 || problem.status === 403
        ? 'forbidden'
        : problem.status === 409 || problem.status === 410
          ? 'conflict'
          : problem.status === 400 || problem.status === 422
            ? 'invalid'
            : problem.status >= 500
              ? 'unavailable'
              : 'unexpected';
  return (
    <div className="callout callout--error" role="alert">
      <div>
        <p className="callout__title">{t(`${kind}.title`)}</p>
        <p>{problem.status < 500 && problem.detail ? problem.detail : t(`${kind}.body`)}</p>
        {problem.errors && problem.errors.length > 0 && (
          <ul>
            {problem.errors.map((error) => (
              <li key={`${error.field}:${error.message}`}>
                <strong>{error.field}</strong>: {error.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
