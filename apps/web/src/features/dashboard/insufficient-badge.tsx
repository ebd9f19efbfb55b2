import { getTranslations } from 'next-intl/server';

/** "Not enough responses" — a state of its own, never a zero. */
export async function InsufficientBadge({
  k,
  compact = false,
  short = false,
}: {
  k: number;
  compact?: boolean;
  /** For dense tables: "Fewer than k" instead of the full wording. */
  short?: boolean;
}) {
  const t = await getTranslations('common');
  return (
    <span className="badge badge--insufficient" data-insufficient="true" title={t('insufficientHint', { k })}>
      <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M7 11V8a5 5 0 0 1 10 0v3M5 11h14v9H5z" fill="none" stroke="currentColor" strokeWidth="2.2" />
      </svg>
      {short ? t('insufficientBelow', { k }) : t('insufficient')}
      {!compact && <span className="visually-hidden"> — {t('insufficientHint', { k })}</span>}
    </span>
  );
}
