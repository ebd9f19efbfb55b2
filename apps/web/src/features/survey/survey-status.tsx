'use client';

import type { Survey } from '@resonance/contracts';
import { useFormatter, useTranslations } from 'next-intl';
import { EmptyState, type EmptyStateIcon } from '@/components/empty-state';
import styles from './survey.module.css';
import type { SurveyBlock } from './survey-api';

const ICON: Record<SurveyBlock, EmptyStateIcon> = {
  missing: 'lock',
  unknown: 'lock',
  used: 'check',
  closed: 'inbox',
  notOpen: 'inbox',
  unavailable: 'alert',
  rejected: 'alert',
};

/** Why this invitation cannot be answered, without revealing anything about anyone else's. */
export function SurveyBlocked({ block }: { block: SurveyBlock }) {
  const t = useTranslations('survey.blocked');
  return (
    <div className={styles.card} data-survey-state={block}>
      <EmptyState icon={ICON[block]} title={t(`${block}.title`)} headingLevel={1} bare>
        {t(`${block}.body`)}
      </EmptyState>
    </div>
  );
}

export function SurveyThanks({ survey }: { survey: Survey }) {
  const t = useTranslations('survey.thanks');
  const format = useFormatter();
  const closesAt = format.dateTime(new Date(survey.round.closesAt), {
    dateStyle: 'long',
    timeZone: survey.organisation.timeZone,
  });
  const self = survey.perspective === 'self';
  return (
    <div className={styles.card} data-survey-state="done">
      <EmptyState icon="check" title={t('title')} headingLevel={1} bare>
        {self
          ? t('bodySelf', { date: closesAt })
          : t('body', { leader: survey.leader.name, date: closesAt, k: survey.anonymity.threshold })}
      </EmptyState>
      <p className="small muted" style={{ textAlign: 'center' }}>
        {t('closeTab')}
      </p>
    </div>
  );
}
