'use client';

import type { Survey } from '@resonance/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { withZone } from '@/lib/date-time';
import styles from './survey.module.css';

/** The first screen: who is rated, and — before a single answer — who will see what, and when. */
export function IntroStep({ survey, onStart }: { survey: Survey; onStart: () => void }) {
  const t = useTranslations('survey.intro');
  const format = useFormatter();
  // In the organisation's zone, named: the rater may be elsewhere, and the server renders it too.
  const closesAt = withZone(
    format.dateTime(new Date(survey.round.closesAt), {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: survey.organisation.timeZone,
    }),
    survey.organisation.timeZone,
  );
  const self = survey.perspective === 'self';
  const k = survey.anonymity.threshold;
  const { invited, recentlyJoined, recentDays } = survey.anonymity.group;
  const itemCount = survey.questionnaire.theses.reduce((sum, thesis) => sum + thesis.items.length, 0);

  return (
    <section className={styles.card} aria-labelledby="survey-step-title">
      <div className="stack">
        <p className="eyebrow">
          {survey.organisation.name} · {survey.round.name}
        </p>
        <h1 id="survey-step-title" tabIndex={-1} className={styles.title}>
          {self ? t('titleSelf') : t('title', { leader: survey.leader.name })}
        </h1>
        <p className="lead">
          {self
            ? t('leadSelf', { theses: survey.questionnaire.theses.length, items: itemCount })
            : t('lead', { theses: survey.questionnaire.theses.length, items: itemCount })}
        </p>
      </div>

      {survey.followUp && survey.followUp.shared.length > 0 && (
        <div className={`callout callout--info ${styles.focusShared}`} data-focus-shared>
          <div>
            <p className="callout__title">{t('focus.title', { leader: survey.leader.name })}</p>
            <ul className={styles.focusList}>
              {survey.followUp.shared.map((entry) => (
                <li key={entry.thesis}>
                  <strong>{entry.title}</strong> — ‘{entry.commitment}’
                </li>
              ))}
            </ul>
            <p className="small">{t('focus.body')}</p>
          </div>
        </div>
      )}

      <div className={styles.facts}>
        <h2 className={styles.factsTitle}>{t('factsTitle')}</h2>
        <ul className={styles.factList}>
          {self ? (
            <li>
              <strong>{t('facts.selfWho')}</strong> {t('facts.selfWhoBody')}
            </li>
          ) : (
            <>
              <li data-group-invited={invited}>
                <strong>
                  {t('facts.invited', {
                    invited,
                    group: survey.raterGroupLabel,
                    leader: survey.leader.name,
                  })}
                </strong>{' '}
                {invited < k ? t('facts.invitedBelowK', { k }) : t('facts.invitedBody', { k })}
                {recentlyJoined > 0 && (
                  // Right under the count it qualifies: a small group filled with newcomers is worth a pause.
                  <div
                    className={`callout callout--warning ${styles.recentlyJoined}`}
                    data-recently-joined={recentlyJoined}
                  >
                    <div>
                      <p className="callout__title">
                        {t('recentlyJoined.title', { recent: recentlyJoined, days: recentDays })}
                      </p>
                      <p>{t('recentlyJoined.body')}</p>
                    </div>
                  </div>
                )}
              </li>
              <li>
                <strong>{t('facts.noNames')}</strong> {t('facts.noNamesBody')}
              </li>
              <li>
                <strong>{t('facts.groups', { k })}</strong> {t('facts.groupsBody', { k })}
              </li>
            </>
          )}
          <li>
            <strong>{t('facts.when', { date: closesAt })}</strong>{' '}
            {self ? t('facts.whenBodySelf') : t('facts.whenBody', { leader: survey.leader.name })}
          </li>
          <li>
            <strong>{t('facts.identifiable')}</strong> {t('facts.identifiableBody')}
          </li>
        </ul>
        {survey.anonymity.identifiableGroup && !self && (
          <p className="callout callout--warning">
            {t('identifiableWarning', { group: survey.raterGroupLabel, leader: survey.leader.name })}
          </p>
        )}
        <details className={styles.details}>
          <summary>{t('fullNotice')}</summary>
          <div className="stack stack--sm">
            {survey.anonymity.explanation.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </div>
        </details>
      </div>

      <div className={styles.meta}>
        <span className="badge badge--primary">{survey.raterGroupLabel}</span>
        <span className="small muted">{t('duration')}</span>
      </div>

      <div className={styles.actions}>
        <button type="button" className="button button--primary button--large" onClick={onStart}>
          {t('start')}
        </button>
      </div>
    </section>
  );
}
