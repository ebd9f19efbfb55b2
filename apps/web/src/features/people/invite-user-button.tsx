'use client';

import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { inviteUser } from './people-actions';

/** Emails a leader or admin a single-use link to set their password (none with SSO only). */
export function InviteUserButton({
  personId,
  name,
  again,
}: {
  personId: string;
  name: string;
  again: boolean;
}) {
  const t = useTranslations('people.invite');
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<'idle' | 'sent' | 'ready' | 'failed'>('idle');

  if (state === 'sent' || state === 'ready') {
    return (
      <span className="badge badge--positive" role="status">
        {t(state)}
      </span>
    );
  }
  return (
    <button
      type="button"
      className="button button--small button--ghost"
      disabled={pending}
      aria-label={`${state === 'failed' ? t('failed') : t(again ? 'resend' : 'send')}: ${name}`}
      onClick={() =>
        startTransition(async () => {
          const result = await inviteUser(personId);
          // With SSO only no link is sent: the login is ready for single sign-on.
          setState(result.ok ? (result.data.signIn === 'sso' ? 'ready' : 'sent') : 'failed');
        })
      }
    >
      {state === 'failed' ? t('failed') : t(again ? 'resend' : 'send')}
    </button>
  );
}
