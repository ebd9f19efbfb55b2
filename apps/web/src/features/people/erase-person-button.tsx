'use client';

import type { Problem } from '@resonance/contracts';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { Modal } from '@/components/modal';
import { ProblemCallout } from '@/components/problem-callout';
import { erasePerson } from './gdpr-actions';

/**
 * GDPR Art. 17 from the people list. The dialog says what goes and what stays before anything
 * happens, because an erasure cannot be undone.
 */
export function ErasePersonButton({ personId, name }: { personId: string; name: string }) {
  const t = useTranslations('gdpr.erase');
  const tCommon = useTranslations('common');
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, startTransition] = useTransition();

  function erase() {
    startTransition(async () => {
      const result = await erasePerson(personId);
      if (result.ok) {
        setProblem(null);
        setOpen(false);
      } else setProblem(result.problem);
    });
  }

  return (
    <>
      <button
        type="button"
        className="button button--small button--danger"
        onClick={() => {
          setProblem(null);
          setOpen(true);
        }}
        aria-label={t('open', { name })}
      >
        {t('button')}
      </button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={t('title', { name })}
        actions={
          <>
            <button type="button" className="button" onClick={() => setOpen(false)} disabled={pending}>
              {tCommon('cancel')}
            </button>
            <button type="button" className="button button--danger-solid" onClick={erase} disabled={pending}>
              {pending ? t('erasing') : t('confirm')}
            </button>
          </>
        }
      >
        <div className="stack">
          {problem && <ProblemCallout problem={problem} />}
          <p>{t('intro')}</p>
          <div>
            <h3 className="small">{t('goesTitle')}</h3>
            <ul className="small">
              <li>{t('goes.profile')}</li>
              <li>{t('goes.login')}</li>
              <li>{t('goes.invitations')}</li>
              <li>{t('goes.focus')}</li>
              <li>{t('goes.audit')}</li>
            </ul>
          </div>
          <div>
            <h3 className="small">{t('staysTitle')}</h3>
            <ul className="small">
              <li>{t('stays.answers')}</li>
              <li>{t('stays.invitations')}</li>
              <li>{t('stays.results')}</li>
              <li>{t('stays.others')}</li>
            </ul>
          </div>
          <p className="callout callout--warning">{t('irreversible')}</p>
        </div>
      </Modal>
    </>
  );
}
