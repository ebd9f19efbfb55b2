import type { OutboxListResponse } from '@resonance/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/empty-state';
import { ProblemNotice } from '@/components/problem-notice';
import { devToolsEnabled } from '@/features/dev-tools/dev-tools';
import { localSurveyPath, surveyLinkIn } from '@/features/outbox/survey-link';
import { api, attempt } from '@/lib/api/server-api';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('outbox');
  return { title: t('title') };
}

/** Development only: the emails the API would have sent, including survey links for testing. */
export default async function OutboxPage() {
  if (!(await devToolsEnabled())) notFound();
  const t = await getTranslations('outbox');
  const format = await getFormatter();
  const result = await attempt(api<OutboxListResponse>('/dev/outbox', { query: { limit: 200 } }));
  if (!result.ok) return <ProblemNotice problem={result.problem} headingLevel={1} />;
  const emails = result.data.items;
  const queue = result.data.queue;

  return (
    <div className="stack stack--lg">
      <header className="page-header">
        <div className="page-header__text">
          <h1>{t('title')}</h1>
          <p className="lead">{t('lead')}</p>
        </div>
      </header>
      <p className="callout callout--warning">{t('devOnly')}</p>
      <p className="small muted" data-testid="mail-queue">
        {t('queue', queue)}
      </p>
      {emails.length === 0 ? (
        <EmptyState icon="inbox" title={t('empty.title')}>
          {t('empty.body')}
        </EmptyState>
      ) : (
        <ul className="stack" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {emails.map((email) => {
            const link = surveyLinkIn(email.text);
            return (
              <li key={email.id} className="card outbox-mail" data-to={email.to}>
                <div className="cluster cluster--between">
                  <div className="stack" style={{ gap: 0 }}>
                    <span className="small muted">
                      {t('to')} {email.to} ·{' '}
                      {format.dateTime(new Date(email.createdAt), {
                        dateStyle: 'medium',
                        timeStyle: 'short',
                      })}
                    </span>
                    <h2 className="card__title">{email.subject}</h2>
                  </div>
                  {link && (
                    <a
                      className="button button--small"
                      href={localSurveyPath(link)}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t('openSurvey')}
                    </a>
                  )}
                </div>
                <details>
                  <summary className="small">{t('showText')}</summary>
                  <pre className="outbox-mail__text">{email.text}</pre>
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
