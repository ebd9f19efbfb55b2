'use client';

import type { Problem, RoundAction } from '@resonance/contracts';
import { useTranslations } from 'next-intl';
import { type ReactNode, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { ProblemCallout } from '@/components/problem-callout';
import { runRoundTransition, updateRound } from './round-actions';

/** The hand-operated transitions the API allows for this round right now, each behind a confirmation. */
export function RoundTransitionButtons({
  roundId,
  roundName,
  allowed,
  children,
}: {
  roundId: string;
  roundName: string;
  allowed: RoundAction[];
  /** Shown first in the same row, e.g. the link to edit the round. */
  children?: ReactNode;
}) {
  const t = useTranslations('rounds.actions');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function run(action: 'open' | 'close' | 'remind' | 'archive') {
    setProblem(null);
    setNotice(null);
    const result = await runRoundTransition(roundId, action);
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    const data = result.data;
    if ('invitationsCreated' in data)
      setNotice(t('opened', { invitations: data.invitationsCreated, emails: data.emailsQueued }));
    else if ('nextRoundId' in data) setNotice(t('closed'));
    else if ('roundId' in data) setNotice(t('archived'));
    // Worded here rather than taken from the API, so it follows the page language; like the reply, it has no count.
    else setNotice(t('reminded'));
  }

  async function schedule(value: boolean) {
    setProblem(null);
    setNotice(null);
    const result = await updateRound(roundId, { schedule: value });
    if (!result.ok) setProblem(result.problem);
  }

  return (
    <div className="stack">
      <div className="cluster">
        {children}
        {allowed.includes('schedule') && (
          <ConfirmButton
            label={t('schedule')}
            title={t('scheduleTitle', { round: roundName })}
            body={t('scheduleBody')}
            confirmLabel={t('schedule')}
            onConfirm={() => schedule(true)}
          />
        )}
        {allowed.includes('open') && (
          <ConfirmButton
            label={t('open')}
            title={t('openTitle', { round: roundName })}
            body={t('openBody')}
            confirmLabel={t('openConfirm')}
            onConfirm={() => run('open')}
          />
        )}
        {allowed.includes('remind') && (
          <ConfirmButton
            label={t('remind')}
            title={t('remindTitle')}
            body={t('remindBody')}
            confirmLabel={t('remindConfirm')}
            onConfirm={() => run('remind')}
          />
        )}
        {allowed.includes('close') && (
          <ConfirmButton
            label={t('close')}
            title={t('closeTitle', { round: roundName })}
            body={t('closeBody')}
            confirmLabel={t('closeConfirm')}
            tone="danger"
            onConfirm={() => run('close')}
          />
        )}
        {allowed.includes('archive') && (
          <ConfirmButton
            label={t('archive')}
            title={t('archiveTitle', { round: roundName })}
            body={t('archiveBody')}
            confirmLabel={t('archive')}
            onConfirm={() => run('archive')}
          />
        )}
        {allowed.includes('unschedule') && (
          <ConfirmButton
            label={t('unschedule')}
            title={t('unscheduleTitle')}
            body={t('unscheduleBody')}
            confirmLabel={t('unschedule')}
            tone="danger"
            onConfirm={() => schedule(false)}
          />
        )}
      </div>
      {notice && (
        <p className="callout callout--success" role="status">
          {notice}
        </p>
      )}
      {problem && <ProblemCallout problem={problem} />}
    </div>
  );
}
