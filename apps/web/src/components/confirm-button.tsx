'use client';

import { useTranslations } from 'next-intl';
import { type ReactNode, useState, useTransition } from 'react';
import { Modal } from './modal';

/** A button whose action runs only after the admin confirms it in a dialog. */
export function ConfirmButton({
  label,
  title,
  body,
  confirmLabel,
  tone = 'primary',
  onConfirm,
  disabled,
}: {
  label: string;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  onConfirm: () => Promise<void>;
  disabled?: boolean;
}) {
  const t = useTranslations('common');
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const toneClass = tone === 'danger' ? 'button--danger-solid' : 'button--primary';

  return (
    <>
      <button
        type="button"
        className={`button ${tone === 'danger' ? 'button--danger' : 'button--primary'}`}
        onClick={() => setOpen(true)}
        disabled={disabled || pending}
      >
        {label}
      </button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={title}
        actions={
          <>
            <button type="button" className="button" onClick={() => setOpen(false)} disabled={pending}>
              {t('cancel')}
            </button>
            <button
              type="button"
              className={`button ${toneClass}`}
              disabled={pending}
              onClick={() =>
                startTransition(async () => {
                  await onConfirm();
                  setOpen(false);
                })
              }
            >
              {pending ? t('working') : confirmLabel}
            </button>
          </>
        }
      >
        <div className="small muted">{body}</div>
      </Modal>
    </>
  );
}
